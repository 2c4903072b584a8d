import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/sandbox/scenarios.js';
import { KubeStore, type StoredChange } from '../../../src/sandbox/kube/kube-store.js';
import { RolloutController } from '../../../src/sandbox/kube/rollout-controller.js';
import type { DeploymentShape, PodShape, ReplicaSetShape } from '../../../src/sandbox/kube/rollout-controller-objects.js';
import type { World } from '../../../src/sandbox/world.js';
import { ManualControllerClock } from '../../support/manual-controller-clock.js';

const NS = 'shop-staging';
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';

function setUp(edit: (world: World) => void = () => undefined) {
  const world = loadScenario('healthy').world;
  world.kubernetes.behaviour = { podReadySeconds: 1, deadlineScale: 1 / 60 };
  edit(world);
  const store = new KubeStore();
  const clock = new ManualControllerClock();
  const controller = new RolloutController(world, store, clock);
  controller.start();
  const changes: StoredChange[] = [];
  store.subscribe((c) => changes.push(c));
  const backend = world.kubernetes.namespaces[NS]!.deployments[0] as DeploymentShape;
  const patchImage = (image: string) => {
    backend.spec!.template!.spec!.containers![0]!.image = image;
    backend.metadata!.generation = (backend.metadata!.generation ?? 1) + 1;
    store.publish('apps/deployments', NS, 'MODIFIED', backend);
  };
  const replicaSets = () => (store.derivedIn(NS).replicasets as ReplicaSetShape[]).filter((rs) => rs.metadata?.name?.startsWith('backend-'));
  const pods = () => (store.derivedIn(NS).pods as PodShape[]).filter((p) => p.metadata?.name?.startsWith('backend-'));
  return { world, store, clock, controller, changes, backend, patchImage, replicaSets, pods };
}

describe('the sandbox rollout controller', () => {
  it('given the healthy world, when started, then each Deployment has one ReplicaSet of its revision and ready pods, and its status is untouched', () => {
    const { backend, replicaSets, pods, clock } = setUp();

    expect(replicaSets()).toHaveLength(1);
    const rs = replicaSets()[0]!;
    expect(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(rs.metadata?.name).toBe(`backend-${rs.metadata?.labels?.['pod-template-hash']}`);
    expect(pods()).toHaveLength(2);
    expect(pods().every((p) => p.metadata?.name?.match(/^backend-[a-z0-9]+-[a-z0-9]{5}$/) && p.status.containerStatuses[0]!.ready)).toBe(true);
    expect(backend.status?.conditions).toEqual([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ]);
    expect(clock.pending()).toBe(0);
  });

  it('given the k8s.rollout scenario, when started, then one pod is not ready and the world status is kept as written', () => {
    const { backend, pods } = setUp((world) => {
      const status = (world.kubernetes.namespaces[NS]!.deployments[0] as DeploymentShape).status!;
      Object.assign(status, { readyReplicas: 1, availableReplicas: 1, unavailableReplicas: 1 });
    });

    expect(pods().filter((p) => p.status.containerStatuses[0]!.ready)).toHaveLength(1);
    expect(backend.status?.availableReplicas).toBe(1);
    expect(backend.status?.observedGeneration).toBe(4);
  });

  it('given a new image, when time passes, then it surges one pod at a time (2 replicas: surge 1, unavailable 0) and completes', () => {
    const { backend, patchImage, replicaSets, pods, clock } = setUp();

    patchImage(`${REPO}:1.2.0`);
    clock.advance(0);

    expect(backend.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('5');
    const newRS = replicaSets().find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '5')!;
    const oldRS = replicaSets().find((rs) => rs !== newRS)!;
    expect([newRS.spec.replicas, oldRS.spec.replicas]).toEqual([1, 2]);
    expect(backend.status).toMatchObject({ observedGeneration: 5, replicas: 3, updatedReplicas: 1, availableReplicas: 2 });
    expect(backend.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'NewReplicaSetCreated', message: `Created new replica set "${newRS.metadata?.name}"` });

    clock.advance(1000);
    expect([newRS.spec.replicas, oldRS.spec.replicas]).toEqual([2, 1]);
    expect(backend.status).toMatchObject({ updatedReplicas: 2, availableReplicas: 2 });

    clock.advance(1000);
    expect([newRS.spec.replicas, oldRS.spec.replicas]).toEqual([2, 0]);
    expect(pods()).toHaveLength(2);
    expect(backend.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 });
    expect(backend.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(clock.pending()).toBe(0);
  });

  it('given a crash-looping image, when its deadline passes without progress, then Progressing turns False with ProgressDeadlineExceeded', () => {
    const { backend, patchImage, pods, clock, controller } = setUp((world) => {
      world.kubernetes.behaviour!.failures = { '1.3.0': 'crash-loop' };
    });

    patchImage(`${REPO}:1.3.0@sha256:${'a'.repeat(64)}`);
    clock.advance(3000);
    const crashing = pods().find((p) => p.status.containerStatuses[0]!.image.includes('1.3.0'))!;
    expect(crashing.status.containerStatuses[0]!.state.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(crashing.status.containerStatuses[0]!.restartCount).toBeGreaterThan(1);
    expect(backend.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).not.toBe('ProgressDeadlineExceeded');

    clock.advance(10_000);
    expect(backend.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(backend.status?.availableReplicas).toBe(2);

    controller.stop();
    expect(clock.pending()).toBe(0);
  });
});
