import {
  ApiException,
  PatchStrategy,
  setHeaderOptions,
  type AppsV1Api,
  type CoreV1Api,
  type KubeConfig,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node';
import type { ClusterPort, Pod } from '../../ports/cluster.port.js';
import { PortError } from '../../ports/port-error.js';
import { isNotFoundOf } from './kube-error.js';
import { listAndWatch } from './list-watch.js';
import { toDeployment } from './to-domain.js';
import { watchNamed } from './watch-named.js';
import { toKubeEvent, toPod, toReplicaSet } from './to-domain-rollout.js';

type RolloutOperations = Pick<
  ClusterPort,
  'setContainerImage' | 'watchDeployment' | 'watchPods' | 'listPods' | 'listReplicaSets' | 'listEvents'
>;

export interface RolloutClients {
  kubeConfig: KubeConfig;
  apps: AppsV1Api;
  core: CoreV1Api;
  failure(error: unknown, operation: string): PortError;
}

/** `a=1,b=2`, the labelSelector of a set of matchLabels. */
export const labelSelectorOf = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

/** What a rollout needs from the cluster: the image patch, and the reads and watches that follow it. */
export function rolloutOperations({ kubeConfig, apps, core, failure }: RolloutClients): RolloutOperations {
  return {
    async setContainerImage(namespace, name, container, image) {
      const operation = `patch deployment ${namespace}/${name}`;
      let current: V1Deployment;
      try {
        current = await apps.readNamespacedDeployment({ name, namespace });
      } catch (error) {
        if (isNotFoundOf(error, name)) throw new PortError('invalid', `deployment/${name} not found in ${namespace}`);
        throw failure(error, `get deployment ${namespace}/${name}`);
      }
      // A strategic merge patch naming an unknown container would add it, so the container is checked first, as kubectl set image does.
      const names = (current.spec?.template?.spec?.containers ?? []).map((c) => c.name);
      if (!names.includes(container)) {
        throw new PortError('invalid', `container "${container}" not found in deployment/${name} in ${namespace} (it has ${names.join(', ') || 'none'})`);
      }
      const body = { spec: { template: { spec: { containers: [{ name: container, image }] } } } };
      try {
        const patched = await apps.patchNamespacedDeployment(
          { name, namespace, body },
          setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
        );
        return toDeployment(patched);
      } catch (error) {
        if (isNotFoundOf(error, name)) throw new PortError('invalid', `deployment/${name} not found in ${namespace}`);
        if (error instanceof ApiException && error.code === 422) {
          throw new PortError('invalid', `Kubernetes ${operation} rejected: ${statusMessage(error) ?? 'invalid (422)'}`);
        }
        throw failure(error, operation);
      }
    },

    watchDeployment: (namespace, name, onChange, onError) =>
      watchNamed<V1Deployment, ReturnType<typeof toDeployment>>({
        kubeConfig,
        failure,
        group: 'apis/apps/v1',
        plural: 'deployments',
        kind: 'deployment',
        namespace,
        name,
        list: (fieldSelector) => apps.listNamespacedDeployment({ namespace, fieldSelector }),
        toDomain: toDeployment,
        onChange,
        onError,
      }),

    async watchPods(namespace, selector, onChange, onError) {
      const labelSelector = labelSelectorOf(selector);
      const pods = new Map<string, Pod>();
      const deliver = () => onChange([...pods.values()].sort((a, b) => a.name.localeCompare(b.name)));
      try {
        return await listAndWatch<V1Pod>({
          kubeConfig,
          path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
          selectors: { labelSelector },
          list: async () => {
            const list = await core.listNamespacedPod({ namespace, labelSelector });
            return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
          },
          onList: (items) => {
            pods.clear();
            for (const pod of items.map(toPod)) pods.set(pod.name, pod);
            deliver();
          },
          onEvent: (type, object) => {
            const pod = toPod(object as V1Pod);
            if (type === 'DELETED') pods.delete(pod.name);
            else pods.set(pod.name, pod);
            deliver();
          },
          onError: (error) => onError(failure(error, `watch pods ${labelSelector} in ${namespace}`)),
        });
      } catch (error) {
        throw failure(error, `watch pods ${labelSelector} in ${namespace}`);
      }
    },

    async listPods(namespace, selector) {
      const labelSelector = labelSelectorOf(selector);
      try {
        const list = await core.listNamespacedPod({ namespace, labelSelector });
        return list.items.map(toPod);
      } catch (error) {
        throw failure(error, `list pods ${labelSelector} in ${namespace}`);
      }
    },

    async listReplicaSets(namespace, selector) {
      const labelSelector = labelSelectorOf(selector);
      try {
        const list = await apps.listNamespacedReplicaSet({ namespace, labelSelector });
        return list.items.map(toReplicaSet);
      } catch (error) {
        throw failure(error, `list replicasets ${labelSelector} in ${namespace}`);
      }
    },

    async listEvents(namespace, involvedObjectName) {
      const fieldSelector = `involvedObject.name=${involvedObjectName}`;
      try {
        const list = await core.listNamespacedEvent({ namespace, fieldSelector });
        return list.items.map(toKubeEvent).sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
      } catch (error) {
        throw failure(error, `list events of ${involvedObjectName} in ${namespace}`);
      }
    },
  };
}

/** The message of the Status an API error carries, on one line. */
export function statusMessage(error: ApiException<unknown>): string | undefined {
  const body = typeof error.body === 'string' ? safeParse(error.body) : error.body;
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message.replace(/\s+/g, ' ').trim() : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
