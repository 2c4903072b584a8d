/**
 * batch/v1 Jobs as a migration run uses them: created from a request, read
 * and watched to their end, their pods' logs read, deleted. Field names as
 * in the API. The Job's pods are read with ClusterPort.watchPods / listPods
 * and the selector `jobPodSelector(name)`.
 */
import type { Container, PodSpec, StopWatching } from './cluster.port.js';

/** A container of a Job's pod: a Deployment's container plus the command it runs. */
export interface JobContainer extends Container {
  command?: string[];
  args?: string[];
}

/** What createJob sends: one pod template, run to completion once, never restarted in place. */
export interface JobRequest {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Labels of the pod template (the job-name labels are added by the API server). */
  podLabels?: Record<string, string>;
  pod: Omit<PodSpec, 'containers' | 'initContainers'> & { containers: JobContainer[]; serviceAccountName?: string };
  /** Failed pods replaced before the Job fails with BackoffLimitExceeded (Kubernetes' default is 6). */
  backoffLimit?: number;
  /** The Job fails with DeadlineExceeded once it has run this long. */
  activeDeadlineSeconds?: number;
  /** The finished Job (and its pods, with their logs) is deleted by Kubernetes this long after it ends. */
  ttlSecondsAfterFinished?: number;
}

export interface JobCondition {
  /** SuccessCriteriaMet, Complete, FailureTarget, Failed, Suspended. */
  type: string;
  status: string;
  reason?: string;
  message?: string;
  /** ISO 8601: lastTransitionTime. */
  at?: string;
}

export interface Job {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: { completions: number; parallelism: number; backoffLimit: number; activeDeadlineSeconds?: number; images: string[] };
  status: {
    active: number;
    ready: number;
    succeeded: number;
    failed: number;
    /** ISO 8601 */
    startTime?: string;
    completionTime?: string;
    conditions: JobCondition[];
  };
}

export interface PodLogOptions {
  /** Required when the pod has several containers. */
  container?: string;
  /** Only the last N lines. */
  tailLines?: number;
  /** The log of the previous run of a restarted container. */
  previous?: boolean;
}

/** What a Job's pods are labelled with by the API server, to select them by. */
export const jobPodSelector = (jobName: string): Record<string, string> => ({ 'batch.kubernetes.io/job-name': jobName });

export interface ClusterJobsPort {
  /**
   * Creates the Job. When a Job of that name already exists (409), nothing
   * is created and that Job is returned with created = false, so a run that
   * resumes never starts a second one; the caller compares its labels.
   * A Job the API server refuses (422) is a PortError('invalid') quoting it.
   */
  createJob(namespace: string, job: JobRequest): Promise<{ job: Job; created: boolean }>;
  /** undefined when there is no such Job (404). */
  getJob(namespace: string, name: string): Promise<Job | undefined>;
  /**
   * Every version of one Job, from now on, through the watch API (re-listing
   * and re-watching by itself). `onChange` first gets the current object; the
   * Job's deletion is reported to `onError`.
   */
  watchJob(namespace: string, name: string, onChange: (job: Job) => void, onError: (error: Error) => void): Promise<StopWatching>;
  /**
   * The pod's log as lines (pods/log). undefined when the pod no longer
   * exists; a container that has not started (ImagePullBackOff, …) is a
   * PortError quoting kubelet's reason.
   */
  readPodLog(namespace: string, pod: string, options?: PodLogOptions): Promise<string[] | undefined>;
  /** Deletes the Job and, in the background, its pods. false when it did not exist. */
  deleteJob(namespace: string, name: string): Promise<boolean>;
}
