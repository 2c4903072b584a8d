import type { KubeObject } from './kube-objects.js';
import { type PodTemplate, type ReplicaSetShape } from './rollout-controller-objects.js';

/** The label Argo Rollouts puts on a Rollout's ReplicaSets and pods (its own, not the Deployment controller's). */
export const ROLLOUT_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';
/** The revision annotation Argo Rollouts keeps on the Rollout and its ReplicaSets. */
export const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

export interface AnalysisTemplateRef {
  templateName: string;
  clusterScope?: boolean;
}

/** One step of spec.strategy.canary.steps (the kinds the sandbox runs). */
export interface CanaryStep {
  setWeight?: number;
  /** `{}` waits for a promote; `{duration: "30s"}` (or seconds as a number) resumes by itself. */
  pause?: { duration?: string | number };
  analysis?: { templates?: AnalysisTemplateRef[]; args?: unknown[] };
}

export interface PauseCondition {
  reason: string;
  startTime: string;
}

export interface RolloutCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

export interface RolloutAnalysisRunStatus {
  name: string;
  status: string;
  message?: string;
}

/** status of an argoproj.io/v1alpha1 Rollout, with Argo's field names (pkg/apis/rollouts/v1alpha1/types.go). */
export interface RolloutStatus {
  abort?: boolean;
  abortedAt?: string;
  pauseConditions?: PauseCondition[];
  controllerPause?: boolean;
  currentPodHash?: string;
  currentStepHash?: string;
  currentStepIndex?: number;
  stableRS?: string;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  /** A string in Argo's API, unlike a Deployment's. */
  observedGeneration?: string;
  conditions?: RolloutCondition[];
  canary?: { currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus };
  selector?: string;
  phase?: string;
  message?: string;
  promoteFull?: boolean;
  [field: string]: unknown;
}

export interface RolloutShape extends KubeObject {
  spec?: {
    replicas?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: PodTemplate;
    strategy?: { canary?: { steps?: CanaryStep[] } };
  };
  status?: RolloutStatus;
}

export const stepsOf = (rollout: RolloutShape): CanaryStep[] => rollout.spec?.strategy?.canary?.steps ?? [];

export const rolloutRevisionOf = (object: KubeObject): number => Number(object.metadata?.annotations?.[ROLLOUT_REVISION] ?? 0) || 0;

/** The Rollout that controls `object`, by its ownerReference. */
export function rolloutOwnerOf(object: KubeObject): string | undefined {
  const references = object.metadata?.ownerReferences as { kind?: string; name: string; controller?: boolean }[] | undefined;
  return references?.find((r) => r.controller && r.kind === 'Rollout')?.name;
}

/** A ReplicaSet of one revision of a Rollout, as the Argo Rollouts controller creates it. */
export function rolloutReplicaSet(rollout: RolloutShape, hash: string, revision: number, uid: string, at: string): ReplicaSetShape {
  const template = structuredClone(rollout.spec?.template ?? {});
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [ROLLOUT_POD_TEMPLATE_HASH]: hash } };
  const name = `${rollout.metadata?.name}-${hash}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: rollout.metadata?.namespace ?? '',
      uid,
      generation: 1,
      creationTimestamp: at,
      labels: { ...template.metadata.labels },
      annotations: { [ROLLOUT_REVISION]: String(revision), 'rollout.argoproj.io/desired-replicas': String(rollout.spec?.replicas ?? 1) },
      ownerReferences: [
        { apiVersion: ARGO_API_VERSION, kind: 'Rollout', name: rollout.metadata?.name ?? '', uid: rollout.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: { replicas: 0, selector: { matchLabels: { ...rollout.spec?.selector?.matchLabels, [ROLLOUT_POD_TEMPLATE_HASH]: hash } }, template },
    status: { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 },
  };
}

export const hashOfReplicaSet = (rs: KubeObject): string | undefined => rs.metadata?.labels?.[ROLLOUT_POD_TEMPLATE_HASH];

