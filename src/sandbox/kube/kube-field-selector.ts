import type { KubeObject } from './kube-objects.js';
import { SelectorError } from './kube-label-selector.js';

export type ObjectPredicate = (object: KubeObject) => boolean;

/** The fields every resource can be selected by; resources may add their own on a real server. */
const FIELDS: Record<string, (object: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace,
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
