import type { V1Job } from '@kubernetes/client-node';
import type { Job, JobRequest } from '../../ports/cluster-jobs.port.js';
import { defined, isoOf } from './to-domain-rollout.js';

/**
 * Jobs between the domain and the API. toJob takes typed objects (dates as
 * Date) and raw watch objects (dates as strings) alike; counts the API leaves
 * out (omitempty) read as 0, and the spec's defaults as Kubernetes applies them.
 */
export function toJob(job: V1Job): Job {
  const spec = job.spec;
  const status = job.status;
  return {
    name: job.metadata?.name ?? '',
    namespace: job.metadata?.namespace ?? '',
    uid: job.metadata?.uid ?? '',
    ...(job.metadata?.resourceVersion ? { resourceVersion: job.metadata.resourceVersion } : {}),
    labels: { ...job.metadata?.labels },
    annotations: { ...job.metadata?.annotations },
    spec: {
      completions: spec?.completions ?? 1,
      parallelism: spec?.parallelism ?? 1,
      backoffLimit: spec?.backoffLimit ?? 6,
      ...(spec?.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}),
      images: (spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    },
    status: {
      active: status?.active ?? 0,
      ready: status?.ready ?? 0,
      succeeded: status?.succeeded ?? 0,
      failed: status?.failed ?? 0,
      ...defined({ startTime: isoOf(status?.startTime), completionTime: isoOf(status?.completionTime) }),
      conditions: (status?.conditions ?? []).map((c) => ({
        type: c.type,
        status: c.status,
        ...defined({ reason: c.reason || undefined, message: c.message || undefined, at: isoOf(c.lastTransitionTime) }),
      })),
    },
  };
}

/** The batch/v1 Job createJob sends: restartPolicy Never, so each failure is a pod of its own and counts against backoffLimit. */
export function toJobManifest(namespace: string, request: JobRequest): V1Job {
  const { containers, ...pod } = request.pod;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: request.name,
      namespace,
      ...(request.labels ? { labels: { ...request.labels } } : {}),
      ...(request.annotations ? { annotations: { ...request.annotations } } : {}),
    },
    spec: {
      ...(request.backoffLimit !== undefined ? { backoffLimit: request.backoffLimit } : {}),
      ...(request.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: request.activeDeadlineSeconds } : {}),
      ...(request.ttlSecondsAfterFinished !== undefined ? { ttlSecondsAfterFinished: request.ttlSecondsAfterFinished } : {}),
      template: {
        ...(request.podLabels ? { metadata: { labels: { ...request.podLabels } } } : {}),
        // The domain's PodSpec is a subset of the API's, field for field.
        spec: { ...(pod as object), containers: containers.map((c) => ({ ...c })), restartPolicy: 'Never' },
      },
    },
  };
}
