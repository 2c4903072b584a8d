import { randomUUID } from 'node:crypto';
import type { WorldImageRun } from '../world.js';
import type { KubeObject } from './kube-objects.js';
import type { KubeStore } from './kube-store.js';
import { newPod, podNameSuffix, type PodShape, type PodTemplate, type ReplicaSetShape } from './rollout-controller-objects.js';

export const JOB_NAME = 'job-name';
export const BATCH_JOB_NAME = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID = 'controller-uid';
export const BATCH_CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';

export interface JobCondition {
  type: 'SuccessCriteriaMet' | 'Complete' | 'FailureTarget' | 'Failed';
  status: 'True';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: Record<string, never>;
}

export interface JobShape extends KubeObject {
  spec: {
    parallelism: number;
    completions: number;
    backoffLimit: number;
    activeDeadlineSeconds?: number;
    completionMode: string;
    suspend: boolean;
    podReplacementPolicy: string;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate & { spec: { restartPolicy: 'Never' | 'OnFailure'; containers: { name: string; image?: string }[] } };
  };
  status: JobStatus;
}

/**
 * The Job as the API server stores it after a create: the defaults of
 * batch/v1 (parallelism, completions 1, backoffLimit 6, NonIndexed, …) and
 * the generated selector and pod labels (job-name, controller-uid and their
 * batch.kubernetes.io/ forms). `metadata` (name, namespace) is the caller's.
 */
export function jobWithDefaults(body: KubeObject, namespace: string, at: string): JobShape {
  const name = body.metadata?.name ?? '';
  const uid = randomUUID();
  const spec = (body.spec ?? {}) as Partial<JobShape['spec']>;
  const generated = { [BATCH_CONTROLLER_UID]: uid, [BATCH_JOB_NAME]: name, [CONTROLLER_UID]: uid, [JOB_NAME]: name };
  const template = structuredClone(spec.template ?? {}) as JobShape['spec']['template'];
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...generated } };
  const { kind: _kind, apiVersion: _apiVersion, status: _status, ...rest } = body;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    ...rest,
    metadata: {
      ...body.metadata,
      name,
      namespace,
      uid,
      generation: 1,
      creationTimestamp: at,
      labels: body.metadata?.labels ?? { ...template.metadata.labels },
    },
    spec: {
      ...spec,
      parallelism: spec.parallelism ?? 1,
      completions: spec.completions ?? 1,
      backoffLimit: spec.backoffLimit ?? 6,
      completionMode: spec.completionMode ?? 'NonIndexed',
      suspend: spec.suspend ?? false,
      podReplacementPolicy: spec.podReplacementPolicy ?? 'TerminatingOrFailed',
      selector: { matchLabels: { [BATCH_CONTROLLER_UID]: uid } },
      template,
    },
    status: {},
  };
}

/** A pod of the Job, as the Job controller creates it: `<job>-<5 chars>`, the template's labels, owned by the Job. */
export function newJobPod(job: JobShape, at: string, podIP: string): PodShape {
  const jobName = job.metadata?.name ?? '';
  // newPod reads only the template and the owner's name and namespace.
  const owner = { metadata: { name: jobName, namespace: job.metadata?.namespace ?? '' }, spec: { template: job.spec.template } } as unknown as ReplicaSetShape;
  const pod = newPod(owner, `${jobName}-${podNameSuffix()}`, at, podIP);
  pod.metadata!.ownerReferences = [
    { apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid: job.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
  ];
  pod.metadata!.finalizers = ['batch.kubernetes.io/job-tracking'];
  return pod;
}

/** How a container of this image runs: `images` by full reference, without digest, digest, or tag. */
export function imageRunOf(image: string, images: Record<string, WorldImageRun> | undefined): WorldImageRun {
  const [withoutDigest = '', digest] = image.split('@');
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  const keys = [image, withoutDigest, digest, tag].filter((k): k is string => k !== undefined && k !== '');
  const own = (key: string) => (images && Object.hasOwn(images, key) ? images[key] : undefined);
  return keys.map(own).find((run) => run !== undefined) ?? {};
}

export const isJobFinished = (job: JobShape): boolean => (job.status.conditions ?? []).some((c) => c.type === 'Complete' || c.type === 'Failed');

export const isPodFinished = (pod: PodShape): boolean => pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed';

/** The Jobs of a namespace: the same array on every call, which the API serves and the Job controller changes. */
export const storedJobs = (store: KubeStore, namespace: string): JobShape[] => store.remember(`jobs/${namespace}`, () => [] as JobShape[]);
