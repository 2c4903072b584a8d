import { ApiException, type BatchV1Api, type CoreV1Api, type KubeConfig, type V1Job } from '@kubernetes/client-node';
import type { ClusterJobsPort } from '../../ports/cluster-jobs.port.js';
import { PortError } from '../../ports/port-error.js';
import { statusMessage } from './cluster-rollout.js';
import { isNotFoundOf } from './kube-error.js';
import { toJob, toJobManifest } from './to-domain-job.js';
import { watchNamed } from './watch-named.js';

export interface JobClients {
  kubeConfig: KubeConfig;
  batch: BatchV1Api;
  core: CoreV1Api;
  failure(error: unknown, operation: string): PortError;
}

/** What a migration run needs from the cluster: its Job created, followed, its pods' logs read, and deleted. */
export function jobOperations({ kubeConfig, batch, core, failure }: JobClients): ClusterJobsPort {
  const getJob = async (namespace: string, name: string) => {
    try {
      return toJob(await batch.readNamespacedJob({ name, namespace }));
    } catch (error) {
      if (isNotFoundOf(error, name)) return undefined;
      throw failure(error, `get job ${namespace}/${name}`);
    }
  };

  return {
    getJob,

    async createJob(namespace, request) {
      const operation = `create job ${namespace}/${request.name}`;
      try {
        return { job: toJob(await batch.createNamespacedJob({ namespace, body: toJobManifest(namespace, request) })), created: true };
      } catch (error) {
        if (error instanceof ApiException && error.code === 409) {
          const existing = await getJob(namespace, request.name);
          // Deleted between the two calls: the caller's next attempt creates it.
          if (!existing) throw new PortError('remote', `Kubernetes ${operation} failed: it already existed, then was gone`);
          return { job: existing, created: false };
        }
        if (error instanceof ApiException && error.code === 422) {
          throw new PortError('invalid', `Kubernetes ${operation} rejected: ${statusMessage(error) ?? 'invalid (422)'}`);
        }
        throw failure(error, operation);
      }
    },

    watchJob: (namespace, name, onChange, onError) =>
      watchNamed<V1Job, ReturnType<typeof toJob>>({
        kubeConfig,
        failure,
        group: 'apis/batch/v1',
        plural: 'jobs',
        kind: 'job',
        namespace,
        name,
        list: (fieldSelector) => batch.listNamespacedJob({ namespace, fieldSelector }),
        toDomain: toJob,
        onChange,
        onError,
      }),

    async readPodLog(namespace, pod, options = {}) {
      const operation = `read the log of pod ${namespace}/${pod}${options.container ? ` container ${options.container}` : ''}`;
      try {
        const text = await core.readNamespacedPodLog({
          name: pod,
          namespace,
          ...(options.container !== undefined ? { container: options.container } : {}),
          ...(options.tailLines !== undefined ? { tailLines: options.tailLines } : {}),
          ...(options.previous ? { previous: true } : {}),
        });
        return linesOf(String(text ?? ''));
      } catch (error) {
        if (isNotFoundOf(error, pod)) return undefined;
        throw failure(error, operation);
      }
    },

    async deleteJob(namespace, name) {
      try {
        await batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' });
        return true;
      } catch (error) {
        if (isNotFoundOf(error, name)) return false;
        throw failure(error, `delete job ${namespace}/${name}`);
      }
    },
  };
}

/** Lines of a log; the newline that ends the last one makes no empty line. */
const linesOf = (text: string): string[] => (text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/));
