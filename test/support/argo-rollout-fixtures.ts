import type { AnalysisRunShape } from '../../src/sandbox/kube/analysis-run-objects.js';
import { storedAnalysisRuns } from '../../src/sandbox/kube/analysis-run-objects.js';
import { KubeStore } from '../../src/sandbox/kube/kube-store.js';
import { ArgoRolloutController, ROLLOUTS_KEY } from '../../src/sandbox/kube/rollout-argo-controller.js';
import { ROLLOUT_POD_TEMPLATE_HASH, type CanaryStep, type RolloutShape } from '../../src/sandbox/kube/rollout-argo-objects.js';
import { isPodReady, type PodShape, type ReplicaSetShape } from '../../src/sandbox/kube/rollout-controller-objects.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World } from '../../src/sandbox/world.js';
import { ManualControllerClock } from './manual-controller-clock.js';

export const NS = 'shop-staging';
export const CHECKOUT = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/checkout';

/** The canary scenario's Rollout `checkout` under the Argo controller, on a manual clock (pods ready after 1 s). */
export function canaryWorld(scenario = 'canary', edit: (world: World, rollout: RolloutShape) => void = () => undefined) {
  const world = loadScenario(scenario).world;
  world.kubernetes.behaviour = { ...world.kubernetes.behaviour, podReadySeconds: 1 };
  const rollout = world.kubernetes.namespaces[NS]!.rollouts![0] as RolloutShape;
  edit(world, rollout);
  const store = new KubeStore();
  const clock = new ManualControllerClock();
  const controller = new ArgoRolloutController(world, store, clock);
  controller.start();

  /** What a PATCH of the Rollout's spec does: the new spec, generation + 1, a MODIFIED event. */
  const patchSpec = (change: (spec: NonNullable<RolloutShape['spec']>) => void) => {
    change(rollout.spec!);
    rollout.metadata!.generation = (rollout.metadata!.generation ?? 1) + 1;
    store.publish(ROLLOUTS_KEY, NS, 'MODIFIED', rollout);
  };
  const deploy = (tag: string) => patchSpec((spec) => (spec.template!.spec!.containers![0]!.image = `${CHECKOUT}:${tag}`));
  /** What a PATCH of the status subresource does (promote, abort). */
  const patchStatus = (change: (status: NonNullable<RolloutShape['status']>) => void) => {
    change(rollout.status!);
    store.publish(ROLLOUTS_KEY, NS, 'MODIFIED', rollout);
  };
  const replicaSets = () => (store.derivedIn(NS).replicasets as ReplicaSetShape[]).filter((rs) => rs.metadata?.name?.startsWith('checkout-'));
  const replicaSetOf = (hash: string | undefined) => replicaSets().find((rs) => rs.metadata?.labels?.[ROLLOUT_POD_TEMPLATE_HASH] === hash);
  const podsOf = (hash: string | undefined) =>
    (store.derivedIn(NS).pods as PodShape[]).filter((p) => p.metadata?.labels?.[ROLLOUT_POD_TEMPLATE_HASH] === hash);
  const readyPodsOf = (hash: string | undefined) => podsOf(hash).filter(isPodReady).length;
  const analysisRuns = (): AnalysisRunShape[] => storedAnalysisRuns(store, NS);
  /** Deploys 1.1.0 and lets 2 s pass: the canary at 20 %, paused; the stable and canary pod hashes. */
  const pausedCanary = () => {
    const stable = rollout.status!.stableRS;
    deploy('1.1.0');
    clock.advance(2000);
    return { stable, canary: rollout.status!.currentPodHash };
  };
  /** What `kubectl argo rollouts promote` patches on a paused canary: pauseConditions cleared. */
  const promote = () => patchStatus((status) => delete status.pauseConditions);
  return { world, store, clock, controller, rollout, deploy, patchSpec, patchStatus, replicaSets, replicaSetOf, podsOf, readyPodsOf, analysisRuns, pausedCanary, promote };
}

export const steps = (...list: CanaryStep[]): CanaryStep[] => list;
