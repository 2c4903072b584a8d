import type { KubeObject } from './kube-objects.js';
import { SelectorError } from './kube-label-selector.js';

export type ObjectPredicate = (object: KubeObject) => boolean;

const field =
  (...path: string[]) =>
  (object: KubeObject): string | undefined => {
    let value: unknown = object;
    for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
    return value === undefined ? undefined : String(value);
  };

/**
 * The fields every resource can be selected by, plus those Events and Pods add
 * on a real server (involvedObject.*, reason, type; status.phase, spec.nodeName).
 */
const FIELDS: Record<string, (object: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace,
  'involvedObject.kind': field('involvedObject', 'kind'),
  'involvedObject.name': field('involvedObject', 'name'),
  'involvedObject.namespace': field('involvedObject', 'namespace'),
  'involvedObject.uid': field('involvedObject', 'uid'),
  reason: field('reason'),
  type: field('type'),
  'status.phase': field('status', 'phase'),
  'spec.nodeName': field('spec', 'nodeName'),
};

const REQUIREMENT = /^([A-Za-z0-9.]+)\s*(==|!=|=)\s*(.*)$/;

/** The `fieldSelector` query parameter: `metadata.name=x,metadata.namespace!=y`. */
export function parseFieldSelector(text: string): ObjectPredicate {
  if (text.trim() === '') return () => true;
  const requirements = text.split(',').map((part): ObjectPredicate => {
    const match = REQUIREMENT.exec(part.trim());
    if (!match) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    const [, field = '', operator, value = ''] = match;
    const read = FIELDS[field];
    if (!read) throw new SelectorError(`field label not supported: ${field}`);
    return operator === '!=' ? (o) => read(o) !== value : (o) => read(o) === value;
  });
  return (object) => requirements.every((matches) => matches(object));
}
