/**
 * Argo Rollouts (argoproj.io/v1alpha1) as shipmate uses it (SPEC §11, issue
 * 18): one canary Rollout and its AnalysisRuns, read, watched, pointed at a
 * new image, promoted and aborted. Field names follow Argo's CRDs
 * (pkg/apis/rollouts/v1alpha1/types.go); plain data, no client types.
 */
import type { PodSpec, StopWatching } from './cluster.port.js';

export type RolloutPhase = 'Healthy' | 'Progressing' | 'Paused' | 'Degraded' | (string & {});

/** One canary step; exactly one key is set, as in the CRD. */
export interface CanaryStep {
  setWeight?: number;
  /** A pause; `duration` as the CRD gives it ("30s", "5m", or seconds as a number); none = until promoted. */
  pause?: { duration?: string | number };
  analysis?: { templates: { templateName: string; clusterScope?: boolean }[] };
}

export interface ArgoRollout {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  resourceVersion?: string;
  spec: {
    replicas: number;
    template: { labels: Record<string, string>; spec: PodSpec };
    canarySteps: CanaryStep[];
    /** spec.paused: a person paused it (not a canary pause step). */
    paused: boolean;
  };
  status: {
    phase?: RolloutPhase;
    message?: string;
    /** Argo writes it as a string; the adapter gives it as a number (NaN never: absent when unparsable). */
    observedGeneration?: number;
    currentStepIndex?: number;
    currentPodHash?: string;
    stableRS?: string;
    replicas: number;
    updatedReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    pauseConditions: { reason: string; startTime?: string }[];
    controllerPause: boolean;
    abort: boolean;
    abortedAt?: string;
    /** status.canary.weights, when Argo reports them (traffic routing); otherwise derived from replicas by the domain. */
    weights?: { canary: number; stable: number };
    /** status.canary.currentStepAnalysisRunStatus / currentBackgroundAnalysisRunStatus. */
    stepAnalysisRun?: { name: string; status: string; message?: string };
    backgroundAnalysisRun?: { name: string; status: string; message?: string };
    conditions: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive' | (string & {});

export interface AnalysisMeasurement {
  phase: AnalysisPhase;
  value?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface AnalysisMetricResult {
  name: string;
  phase: AnalysisPhase;
  measurements: AnalysisMeasurement[];
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  message?: string;
}

export interface AnalysisRun {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** The Rollout that owns it (ownerReferences), when one does. */
  rollout?: string;
  phase?: AnalysisPhase;
  message?: string;
  startedAt?: string;
  metrics: { name: string; successCondition?: string; failureCondition?: string; failureLimit?: number; count?: number; interval?: string }[];
  metricResults: AnalysisMetricResult[];
}

export interface ArgoRolloutsPort {
  /** undefined when there is no such Rollout (404), or the CRD is not installed (also 404: the adapter says which in a PortError when it can tell). */
  getRollout(namespace: string, name: string): Promise<ArgoRollout | undefined>;
  /** Every version of one Rollout from now on (watch API, re-listing by itself); its deletion goes to onError. */
  watchRollout(namespace: string, name: string, onChange: (rollout: ArgoRollout) => void, onError: (error: Error) => void): Promise<StopWatching>;
  /** Points `container` of the pod template at `image` (a JSON patch of that container's image: CRs take no strategic merge patch). */
  setRolloutImage(namespace: string, name: string, container: string, image: string): Promise<ArgoRollout>;
  /** What `kubectl argo rollouts promote` does: past the current pause (or, with full, every remaining step). */
  promoteRollout(namespace: string, name: string, options?: { full?: boolean }): Promise<ArgoRollout>;
  /** What `kubectl argo rollouts abort` does: status.abort = true; Argo scales the canary down and the stable back up. */
  abortRollout(namespace: string, name: string): Promise<ArgoRollout>;
  /** One AnalysisRun by name (its values when the Rollout reports it failed first); undefined when there is none (404). */
  getAnalysisRun(namespace: string, name: string): Promise<AnalysisRun | undefined>;
  /** The AnalysisRuns the Rollout owns, newest first. */
  listAnalysisRuns(namespace: string, rollout: string): Promise<AnalysisRun[]>;
  /** Every change to the AnalysisRuns the Rollout owns, from now on. */
  watchAnalysisRuns(namespace: string, rollout: string, onChange: (run: AnalysisRun) => void, onError: (error: Error) => void): Promise<StopWatching>;
}
