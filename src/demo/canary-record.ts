import { storedAnalysisRuns } from '../sandbox/kube/analysis-run-objects.js';
import { kubeStoreOf } from '../sandbox/kube/kube-store.js';
import { rolloutOwnerOf, type RolloutShape } from '../sandbox/kube/rollout-argo-objects.js';
import { NAMESPACE, type DemoStage } from './demo-stage.js';
import { isPinnedToEcr, shortImage } from './pinned-image.js';

const ROLLOUT = 'checkout';

/** What the sandbox's Kubernetes holds of the Rollout checkout in staging: its own record, not the bot's words. */
export interface RolloutRecord {
  image: string;
  phase: string;
  paused: boolean;
  ready: number;
  replicas: number;
  /** Whether every step ran: the stable ReplicaSet is the current pod template's. */
  promotedFully: boolean;
  /** Each AnalysisRun of the Rollout: its name, phase and measured values. */
  analysisRuns: { name: string; phase: string; values: string[] }[];
}

export function rolloutOf(stage: DemoStage): RolloutRecord {
  const { state } = stage.session.sandbox;
  const rollout = state.world.kubernetes.namespaces[NAMESPACE]?.rollouts?.find((r) => (r as RolloutShape).metadata?.name === ROLLOUT) as RolloutShape | undefined;
  if (!rollout) throw new Error(`the sandbox's Kubernetes has no Rollout ${ROLLOUT} in ${NAMESPACE}`);
  const status = rollout.status ?? {};
  const runs = storedAnalysisRuns(kubeStoreOf(state), NAMESPACE).filter((run) => rolloutOwnerOf(run) === ROLLOUT);
  return {
    image: rollout.spec?.template?.spec?.containers?.[0]?.image ?? '',
    phase: status.phase ?? '(none)',
    paused: (status.pauseConditions?.length ?? 0) > 0,
    ready: status.readyReplicas ?? 0,
    replicas: rollout.spec?.replicas ?? 1,
    promotedFully: status.stableRS !== undefined && status.stableRS === status.currentPodHash,
    analysisRuns: runs.map((run) => ({
      name: run.metadata?.name ?? '',
      phase: run.status.phase,
      values: (run.status.metricResults ?? []).flatMap((m) => (m.measurements ?? []).map((x) => x.value ?? '?')),
    })),
  };
}

/**
 * What the sandbox's Kubernetes recorded of the canary, as a narration line:
 * the Rollout Healthy with every step run, its container on `version` pinned
 * to ECR's digest, its AnalysisRun Successful. The demo stops if not so.
 */
export function canaryRecord(stage: DemoStage, version: string): string {
  const rollout = rolloutOf(stage);
  const runs = rollout.analysisRuns;
  const passed = runs.length > 0 && runs.every((run) => run.phase === 'Successful');
  if (rollout.phase !== 'Healthy' || !rollout.promotedFully || !passed || !isPinnedToEcr(stage, `shop/${ROLLOUT}`, version, rollout.image)) {
    const analysis = runs.map((run) => `${run.name} ${run.phase}`).join(', ') || 'no AnalysisRun';
    throw new Error(`the Rollout ${ROLLOUT} is ${rollout.phase} on ${rollout.image || 'no container'} (${analysis}), not Healthy on ${version} pinned to ECR's digest after a passed analysis`);
  }
  const analysis = runs.map((run) => `${run.name}: ${run.phase} (measured ${run.values.join(', ')})`).join('; ');
  return `What the sandbox's Kubernetes recorded: Rollout ${ROLLOUT} is Healthy with every step done, ${rollout.ready} of ${rollout.replicas} pods ready, its container on ${shortImage(rollout.image)}, the digest ECR holds for ${version}; AnalysisRun ${analysis}.`;
}
