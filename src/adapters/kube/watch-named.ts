import type { KubeConfig } from '@kubernetes/client-node';
import { PortError } from '../../ports/port-error.js';
import { listAndWatch } from './list-watch.js';

export interface WatchNamedOptions<Raw, Domain> {
  kubeConfig: KubeConfig;
  failure(error: unknown, operation: string): PortError;
  /** e.g. `apis/apps/v1` or `apis/batch/v1`. */
  group: string;
  /** The collection's plural (`deployments`) and how a message names one (`deployment`). */
  plural: string;
  kind: string;
  namespace: string;
  name: string;
  list(fieldSelector: string): Promise<{ items: Raw[]; metadata?: { resourceVersion?: string } }>;
  toDomain(raw: Raw): Domain;
  onChange(object: Domain): void;
  onError(error: Error): void;
}

/** Lists and watches one named object; its deletion is reported as an error (what was followed is gone). */
export async function watchNamed<Raw, Domain>(options: WatchNamedOptions<Raw, Domain>): Promise<() => void> {
  const { namespace, name, kind, toDomain, onChange, onError } = options;
  const fieldSelector = `metadata.name=${name}`;
  const operation = `watch ${kind} ${namespace}/${name}`;
  try {
    return await listAndWatch<Raw>({
      kubeConfig: options.kubeConfig,
      path: `/${options.group}/namespaces/${encodeURIComponent(namespace)}/${options.plural}`,
      selectors: { fieldSelector },
      list: async () => {
        const list = await options.list(fieldSelector);
        return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
      },
      onList: (items) => items.forEach((item) => onChange(toDomain(item))),
      onEvent: (type, object) => {
        if (type === 'DELETED') onError(new PortError('invalid', `${kind}/${name} was deleted from ${namespace}`));
        else onChange(toDomain(object as Raw));
      },
      onError: (error) => onError(options.failure(error, operation)),
    });
  } catch (error) {
    throw options.failure(error, operation);
  }
}
