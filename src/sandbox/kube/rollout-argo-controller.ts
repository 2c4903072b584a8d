import { isDeepStrictEqual } from 'node:util';
import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import { runAnalysis, terminateAnalysis } from './analysis-run-controller.js';
import { stepAnalysisRun, storedAnalysisRuns, type AnalysisRunShape } from './analysis-run-objects.js';
import { readCollection } from './kube-collection.js';
import { stableUid } from './kube-objects.js';
import { findResource } from './kube-resources.js';
import { existingKubeStoreOf, kubeStoreOf, type KubeStore } from './kube-store.js';
import { ArgoReplicaSets } from './rollout-argo-replicasets.js';
import { hashOfReplicaSet, ROLLOUT_REVISION, rolloutOwnerOf, rolloutReplicaSet, rolloutRevisionOf, stepsOf, type RolloutShape } from './rollout-argo-objects.js';
import { rolloutPhase } from './rollout-argo-phase.js';
import { advanceSteps } from './rollout-argo-steps.js';
import { canaryCounts, rolloutConditions } from './rollout-argo-status.js';
import { realClock, timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import { podTemplateHash, type ReplicaSetShape } from './rollout-controller-objects.js';

/** Argo's default progressDeadlineSeconds, and the real seconds per second of it a Deployment also uses. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
const DEFAULT_DEADLINE_SCALE = 1 / 60;

export const ROLLOUTS_KEY = 'argoproj.io/rollouts';
export const ANALYSIS_RUNS_KEY = 'argoproj.io/analysisruns';

/**
 * The Argo Rollouts controller for canary Rollouts without traffic routing:
 * a change of spec.template makes a new revision (a ReplicaSet named by the
 * pod-template hash, owned by the Rollout); the steps run in order
 * (rollout-argo-steps.ts), the canary and stable ReplicaSets scaled to each
 * weight; analysis steps get an AnalysisRun whose failure aborts the Rollout;
 * status.abort scales the canary down and the stable back up. Every change is
 * published to watchers; status follows Argo's field names and phase rules.
 */
export class ArgoRolloutController {
  private readonly replicaSets: ArgoReplicaSets;
  private readonly pending = new Map<string, () => void>();
  private readonly wakes = new Map<string, () => void>();
  private readonly cancels: (() => void)[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly world: World,
    private readonly store: KubeStore,
    private readonly clock: ControllerClock = realClock,
  ) {
    this.replicaSets = new ArgoReplicaSets(world, store, clock, (namespace, name) => this.soon(namespace, name), (cancel) => this.cancels.push(cancel));
  }

  start(): void {
    const rollouts = findResource('argoproj.io', 'v1alpha1', 'rollouts')!;
    for (const namespace of Object.keys(this.world.kubernetes.namespaces)) {
      for (const rollout of readCollection(this.world, this.store, rollouts, namespace) as RolloutShape[]) this.seed(rollout);
    }
    this.unsubscribe = this.store.subscribe((change) => {
      if (change.type !== 'MODIFIED') return;
      if (change.resourceKey === ROLLOUTS_KEY) this.soon(change.namespace, change.object.metadata?.name ?? '');
      if (change.resourceKey === ANALYSIS_RUNS_KEY) this.soon(change.namespace, rolloutOwnerOf(change.object) ?? '');
    });
  }

  stop(): void {
    this.unsubscribe();
    this.pending.forEach((cancel) => cancel());
    this.pending.clear();
    this.wakes.forEach((cancel) => cancel());
    this.wakes.clear();
    this.cancels.splice(0).forEach((cancel) => cancel());
  }

  /** One sync of a Rollout: revision, steps, ReplicaSets and pods, analysis, then status. */
  reconcile(namespace: string, name: string): void {
    const rollout = this.rollout(namespace, name);
    if (!rollout) return;
    const before = structuredClone(rollout.status ?? {});
    const status = (rollout.status ??= {});
    const steps = stepsOf(rollout);
    const hash = podTemplateHash(rollout.spec?.template);
    const replicas = rollout.spec?.replicas ?? 1;
    const newRS = this.revisionOf(rollout, hash);
    if (status.currentPodHash !== hash) {
      // A new revision: the steps start over.
      Object.assign(status, { currentPodHash: hash, currentStepIndex: status.stableRS === hash ? steps.length : 0, controllerPause: false });
      for (const key of ['pauseConditions', 'abort', 'abortedAt', 'canary'] as const) delete status[key];
    }
    const stable = this.owned(rollout).find((rs) => hashOfReplicaSet(rs) === status.stableRS);
    let abortMessage: string | undefined;
    let waitingOnPods = false;

    if (status.abort) {
      status.abortedAt ??= this.now();
      status.currentStepIndex = status.stableRS === hash ? steps.length : 0;
      this.terminateRuns(rollout);
      delete status.pauseConditions;
      status.controllerPause = false;
      this.scale(rollout, stable ?? newRS, replicas, newRS, 0);
    } else {
      const outcome = advanceSteps({
        steps,
        currentStepIndex: status.currentStepIndex ?? 0,
        pauseConditions: status.pauseConditions ?? [],
        controllerPause: status.controllerPause ?? false,
        specPaused: rollout.spec?.paused ?? false,
        now: this.clock.now(),
        settledAt: (weight) => this.scale(rollout, stable ?? newRS, ...this.countsFor(rollout, weight, stable, newRS)),
        analysisPhase: (index) => this.analysisRun(rollout, index)?.status.phase,
        timestampOf,
      });
      Object.assign(status, { currentStepIndex: outcome.currentStepIndex, controllerPause: outcome.controllerPause });
      const current = steps[outcome.currentStepIndex];
      waitingOnPods = !rollout.spec?.paused && (current === undefined || current.setWeight !== undefined);
      if (outcome.pauseConditions.length > 0) status.pauseConditions = outcome.pauseConditions;
      else delete status.pauseConditions;
      if (outcome.analysisStep !== undefined) {
        const run = this.analysisRun(rollout, outcome.analysisStep) ?? this.startAnalysis(rollout, outcome.analysisStep);
        status.canary = { currentStepAnalysisRunStatus: { name: run.metadata?.name ?? '', status: run.status.phase, ...(run.status.message ? { message: run.status.message } : {}) } };
        if (outcome.abortedByAnalysis) {
          abortMessage = `Step-based analysis phase error/failed${run.status.message ? `: ${run.status.message}` : ''}`;
          Object.assign(status, { abort: true, abortedAt: this.now(), currentStepIndex: 0, controllerPause: false });
          delete status.pauseConditions;
          this.scale(rollout, stable ?? newRS, replicas, newRS, 0);
        }
      } else delete status.canary;
      if (!status.abort) {
        if (outcome.currentStepIndex >= steps.length) status.stableRS = hash;
        const promoted = this.owned(rollout).find((rs) => hashOfReplicaSet(rs) === status.stableRS) ?? newRS;
        this.scale(rollout, promoted, ...this.countsFor(rollout, outcome.weight, promoted, newRS));
      }
      if (outcome.wakeAt !== undefined) this.wake(namespace, name, outcome.wakeAt - this.clock.now());
    }
    this.writeStatus(rollout, newRS, before, abortMessage, waitingOnPods);
  }

  private countsFor(rollout: RolloutShape, weight: number, stable: ReplicaSetShape | undefined, canary: ReplicaSetShape): [number, ReplicaSetShape, number] {
    const { stable: stableCount, canary: canaryCount } = canaryCounts(rollout.spec?.replicas ?? 1, weight);
    return stable === undefined || stable === canary ? [rollout.spec?.replicas ?? 1, canary, rollout.spec?.replicas ?? 1] : [stableCount, canary, canaryCount];
  }

  /** Scales stable and canary (and every other ReplicaSet to 0); true once both have their counts available. */
  private scale(rollout: RolloutShape, stable: ReplicaSetShape, stableCount: number, canary: ReplicaSetShape, canaryCount: number): boolean {
    for (const rs of this.owned(rollout)) {
      const desired = rs === canary ? canaryCount : rs === stable ? stableCount : 0;
      this.replicaSets.scaleTo(rs, desired);
    }
    return this.replicaSets.available(canary) >= canaryCount && this.replicaSets.available(stable) >= Math.min(stableCount, stable.spec.replicas);
  }

  private writeStatus(rollout: RolloutShape, newRS: ReplicaSetShape, before: RolloutShape['status'], abortMessage: string | undefined, waitingOnPods = false): void {
    const status = rollout.status!;
    const owned = this.owned(rollout);
    const pods = owned.map((rs) => this.replicaSets.counts(rs));
    const updated = this.replicaSets.counts(newRS);
    Object.assign(status, {
      replicas: pods.reduce((sum, c) => sum + c.replicas, 0),
      updatedReplicas: updated.replicas,
      readyReplicas: pods.reduce((sum, c) => sum + c.ready, 0),
      availableReplicas: pods.reduce((sum, c) => sum + c.ready, 0),
      observedGeneration: String(rollout.metadata?.generation ?? 1),
      selector: Object.entries(newRS.spec.selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(','),
    });
    const progressed = status.availableReplicas !== before?.availableReplicas || status.updatedReplicas !== before?.updatedReplicas;
    const deadlineMs = (rollout.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS) * (this.world.kubernetes.behaviour?.deadlineScale ?? DEFAULT_DEADLINE_SCALE) * 1000;
    status.conditions = rolloutConditions(rollout, newRS, this.now(), abortMessage, { now: this.clock.now(), progressed, waitingOnPods, deadlineMs });
    const progressing = status.conditions.find((c) => c.type === 'Progressing');
    if (waitingOnPods && progressing?.reason === 'ReplicaSetUpdated') {
      this.wake(rollout.metadata?.namespace ?? '', rollout.metadata?.name ?? '', Date.parse(progressing.lastUpdateTime) + deadlineMs - this.clock.now());
    }
    const { phase, message } = rolloutPhase(rollout);
    status.phase = phase;
    if (message) status.message = message;
    else delete status.message;
    if (!isDeepStrictEqual(status, before)) this.store.publish(ROLLOUTS_KEY, rollout.metadata?.namespace ?? '', 'MODIFIED', rollout);
  }

  /** The ReplicaSet of the template's hash, created (with the next revision) when it does not exist. */
  private revisionOf(rollout: RolloutShape, hash: string): ReplicaSetShape {
    const owned = this.owned(rollout);
    const existing = owned.find((rs) => hashOfReplicaSet(rs) === hash);
    const annotations = (rollout.metadata!.annotations ??= {});
    const revision = Math.max(0, ...owned.map(rolloutRevisionOf)) + 1;
    if (existing) {
      // Going back to an older template (a rollback) reuses its ReplicaSet, which takes the next revision.
      if (rolloutRevisionOf(existing) < revision - 1) {
        existing.metadata!.annotations![ROLLOUT_REVISION] = String(revision);
        this.store.publish('apps/replicasets', existing.metadata?.namespace ?? '', 'MODIFIED', existing);
      }
      annotations[ROLLOUT_REVISION] = String(rolloutRevisionOf(existing));
      return existing;
    }
    const namespace = rollout.metadata?.namespace ?? '';
    const rs = rolloutReplicaSet(rollout, hash, revision, stableUid(`apps/replicasets/${namespace}/${rollout.metadata?.name}-${hash}`), this.now());
    this.replicaSets.add(rs);
    annotations[ROLLOUT_REVISION] = String(revision);
    return rs;
  }

  /** A Rollout of the world at start: its stable ReplicaSet with ready pods, status Healthy. */
  private seed(rollout: RolloutShape): void {
    const hash = podTemplateHash(rollout.spec?.template);
    const rs = this.revisionOf(rollout, hash);
    this.replicaSets.seed(rs, rollout.spec?.replicas ?? 1);
    rollout.status = { ...rollout.status, stableRS: hash, currentPodHash: hash, currentStepIndex: stepsOf(rollout).length };
    const before = structuredClone(rollout.status);
    this.writeStatus(rollout, rs, before, undefined);
  }

  private startAnalysis(rollout: RolloutShape, index: number): AnalysisRunShape {
    const namespace = rollout.metadata?.namespace ?? '';
    const templates = stepsOf(rollout)[index]?.analysis?.templates ?? [];
    const analysis = () => this.world.kubernetes.analysis ?? {};
    const run = stepAnalysisRun(rollout, index, templates, analysis(), '', this.now());
    run.metadata!.uid = stableUid(`argoproj.io/analysisruns/${namespace}/${run.metadata?.name}`);
    storedAnalysisRuns(this.store, namespace).push(run);
    this.store.publish(ANALYSIS_RUNS_KEY, namespace, 'ADDED', run);
    runAnalysis(
      { clock: this.clock, analysis, changed: (changed) => this.store.publish(ANALYSIS_RUNS_KEY, namespace, 'MODIFIED', changed), track: (cancel) => this.cancels.push(cancel) },
      run,
    );
    return run;
  }

  private analysisRun(rollout: RolloutShape, index: number): AnalysisRunShape | undefined {
    const name = `${rollout.metadata?.name}-${rollout.status?.currentPodHash}-${rollout.metadata?.annotations?.[ROLLOUT_REVISION] ?? '1'}-${index}`;
    return storedAnalysisRuns(this.store, rollout.metadata?.namespace ?? '').find((r) => r.metadata?.name === name);
  }

  private terminateRuns(rollout: RolloutShape): void {
    const namespace = rollout.metadata?.namespace ?? '';
    for (const run of storedAnalysisRuns(this.store, namespace)) {
      if (rolloutOwnerOf(run) !== rollout.metadata?.name || run.spec.terminate) continue;
      terminateAnalysis(run);
      this.store.publish(ANALYSIS_RUNS_KEY, namespace, 'MODIFIED', run);
    }
  }

  private owned(rollout: RolloutShape): ReplicaSetShape[] {
    return this.replicaSets.ownedBy(rollout.metadata?.namespace ?? '', rollout.metadata?.name ?? '');
  }

  private rollout(namespace: string, name: string): RolloutShape | undefined {
    return this.world.kubernetes.namespaces[namespace]?.rollouts?.find((r) => (r as RolloutShape).metadata?.name === name) as RolloutShape | undefined;
  }

  /** Reconciles on the next turn; further requests meanwhile fold into it. */
  private soon(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      this.clock.schedule(0, () => {
        this.pending.delete(key);
        this.reconcile(namespace, name);
      }),
    );
  }

  /** Reconciles at the end of a timed pause (one timer per Rollout, the latest wins). */
  private wake(namespace: string, name: string, ms: number): void {
    const key = `${namespace}/${name}`;
    this.wakes.get(key)?.();
    this.wakes.set(key, this.clock.schedule(Math.max(0, ms), () => this.soon(namespace, name)));
  }

  private now(): string {
    return timestampOf(this.clock.now());
  }
}

const controllers = new WeakMap<KubeStore, ArgoRolloutController>();

/** The sandbox's Argo Rollouts controller, started on first use. */
export function argoRolloutControllerOf(state: SandboxState, clock: ControllerClock = realClock): ArgoRolloutController {
  const store = kubeStoreOf(state);
  let controller = controllers.get(store);
  if (!controller) {
    controller = new ArgoRolloutController(state.world, store, clock);
    controllers.set(store, controller);
    controller.start();
  }
  return controller;
}

export function stopArgoRolloutController(state: SandboxState): void {
  const store = existingKubeStoreOf(state);
  if (store) controllers.get(store)?.stop();
}
