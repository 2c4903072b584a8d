import type { Pod } from '../../../ports/cluster.port.js';
import type { ArgoRollout, CanaryStep, RolloutPhase } from '../../../ports/argo-rollouts.port.js';

/** The label Argo puts on a Rollout's ReplicaSets and pods (status.currentPodHash / stableRS name it). */
export const ROLLOUT_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';

const MAX_WEIGHT = 100;
export const SPEC_UPDATE_PENDING = 'waiting for rollout spec update to be observed';
const UNPAUSING = 'waiting for rollout to unpause';

/** What `kubectl argo rollouts status` / `get` say about a canary Rollout. */
export interface CanaryStatus {
  phase: RolloutPhase;
  /** Argo's status message for the phase ("CanaryPauseStep", "more replicas need to be updated", "RolloutAborted: …"); '' when Healthy. */
  message: string;
  /** false while status.observedGeneration lags the generation asked for: nothing else here is about this rollout yet. */
  observed: boolean;
  /** status.currentStepIndex: the step being run (0-based); stepCount once every step ran. undefined without steps. */
  stepIndex?: number;
  stepCount: number;
  /** The step at stepIndex; undefined when every step ran (or there are none). */
  step?: CanaryStep;
  /** The last setWeight at or before the current step (0 when none yet, 100 past the last step, 0 once aborted). */
  setWeight: number;
  /** The canary's share of the available pods (or the traffic router's weight, when Argo reports one). */
  actualWeight: number;
  /** Ready pods of the canary (status.currentPodHash) ReplicaSet, and spec.replicas. */
  canaryReady: number;
  desired: number;
  /** status.updatedReplicas / availableReplicas, as for a Deployment. */
  updated: number;
  available: number;
  /** "Step 2/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)". */
  line: string;
}

/**
 * A Rollout's canary status by the rules of Argo's own CLI: the phase and
 * message of GetRolloutPhase (not observed → Progressing; unpausing →
 * Progressing; else the controller's status.phase/message, or
 * CalculateRolloutPhase's for a controller that writes none), the set weight
 * of GetCurrentSetWeight and the actual weight of `get rollout`. `generation`
 * is the one after our patch: an older observedGeneration is not this rollout.
 * `pods` are the Rollout's pods, to count the canary's ready ones.
 */
export function canaryStatus(rollout: ArgoRollout, pods: readonly Pod[] = [], generation = rollout.generation): CanaryStatus {
  const { status, spec } = rollout;
  const observed = status.observedGeneration === undefined || status.observedGeneration >= Math.max(rollout.generation, generation);
  const { phase, message } = phaseOf(rollout, observed);
  const stepCount = spec.canarySteps.length;
  const stepIndex = stepCount > 0 ? Math.min(status.currentStepIndex ?? 0, stepCount) : undefined;
  const step = spec.canarySteps[stepIndex ?? stepCount];
  const setWeight = setWeightOf(rollout, stepIndex);
  const canaryReady = status.currentPodHash === undefined ? 0 : pods.filter((pod) => pod.labels[ROLLOUT_POD_TEMPLATE_HASH] === status.currentPodHash && isReady(pod)).length;
  const actualWeight = actualWeightOf(rollout, step, setWeight, canaryReady);
  const desired = spec.replicas;
  // Not observed yet, the status still describes the previous revision: its steps and pods say nothing of this one.
  const line = observed ? lineOf({ phase, message, stepIndex, stepCount, setWeight, actualWeight, canaryReady, desired }) : `${phase} (${message})`;
  return { phase, message, observed, stepIndex, stepCount, step, setWeight, actualWeight, canaryReady, desired, updated: status.updatedReplicas, available: status.availableReplicas, line };
}

function phaseOf(rollout: ArgoRollout, observed: boolean): { phase: RolloutPhase; message: string } {
  const { status } = rollout;
  if (!observed) return { phase: 'Progressing', message: SPEC_UPDATE_PENDING };
  if (status.controllerPause && status.pauseConditions.length === 0) return { phase: 'Progressing', message: UNPAUSING };
  if (status.phase) return { phase: status.phase, message: status.message ?? '' };
  return calculatePhase(rollout);
}

/** CalculateRolloutPhase for a canary, for a controller older than 1.0 (no status.phase). */
function calculatePhase({ spec, status }: ArgoRollout): { phase: RolloutPhase; message: string } {
  for (const condition of status.conditions) {
    if (condition.type === 'InvalidSpec') return { phase: 'Degraded', message: `InvalidSpec: ${condition.message ?? ''}` };
    if (condition.reason === 'RolloutAborted' || condition.reason === 'ProgressDeadlineExceeded') return { phase: 'Degraded', message: `${condition.reason}: ${condition.message ?? ''}` };
  }
  if (spec.paused) return { phase: 'Paused', message: 'manually paused' };
  const pause = status.pauseConditions[0];
  if (pause) return { phase: 'Paused', message: pause.reason };
  if (status.updatedReplicas < spec.replicas) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if (status.availableReplicas < status.updatedReplicas) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  // Only a basic canary: a traffic-routed one (weights reported) keeps old replicas for its scale-down delay.
  if (!status.weights && status.replicas > status.updatedReplicas) return { phase: 'Progressing', message: 'old replicas are pending termination' };
  if (!status.stableRS || status.stableRS !== status.currentPodHash) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  return { phase: 'Healthy', message: '' };
}

/** GetCurrentSetWeight: 0 once aborted, 100 past the last step, else the last setWeight at or before the current step. */
function setWeightOf(rollout: ArgoRollout, stepIndex: number | undefined): number {
  if (rollout.status.abort) return 0;
  const steps = rollout.spec.canarySteps;
  if (stepIndex === undefined || stepIndex >= steps.length) return MAX_WEIGHT;
  for (let i = stepIndex; i >= 0; i--) {
    const weight = steps[i]!.setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/** `get rollout`'s actual weight: 100 past the steps; else the canary's available share of all available pods (or the router's weight). */
function actualWeightOf(rollout: ArgoRollout, step: CanaryStep | undefined, setWeight: number, canaryReady: number): number {
  const { status } = rollout;
  if (!step) return MAX_WEIGHT;
  if (status.availableReplicas <= 0) return 0;
  if (status.weights) return status.weights.canary;
  if (status.currentPodHash === status.stableRS) return 0;
  // Ready pods come from the pod watch, availableReplicas from a status that may lag it: never more than all of them.
  return Math.min(MAX_WEIGHT, Math.floor((canaryReady * MAX_WEIGHT) / status.availableReplicas));
}

/** Running, and every container ready: what the ReplicaSet counts as available (minReadySeconds aside). */
function isReady(pod: Pod): boolean {
  return pod.phase === 'Running' && pod.containerStatuses.length > 0 && pod.containerStatuses.every((c) => c.ready);
}

function lineOf(s: { phase: string; message: string; stepIndex: number | undefined; stepCount: number; setWeight: number; actualWeight: number; canaryReady: number; desired: number }): string {
  const parts: string[] = [];
  // kubectl prints index/count (the steps done); people read "Step 2/5" as the second step running, so 1-based, capped at the count.
  if (s.stepIndex !== undefined) parts.push(`Step ${Math.min(s.stepIndex + 1, s.stepCount)}/${s.stepCount}`);
  parts.push(s.actualWeight === s.setWeight ? `setWeight ${s.setWeight}` : `setWeight ${s.setWeight} (actual ${s.actualWeight})`);
  parts.push(`canary ${s.canaryReady}/${s.desired} ready`);
  parts.push(s.message ? `${s.phase} (${s.message})` : s.phase);
  return parts.join(' · ');
}
