import { describe, expect, it } from 'vitest';
import { kubernetesWorkload } from '../../../src/domain/deploys/kubernetes-workload.js';
import type { RolloutProgress } from '../../../src/domain/deploys/watch-rollout.js';
import type { ClusterPort, Deployment } from '../../../src/ports/cluster.port.js';
import { FakeRolloutCluster, NEW_IMAGE, OLD_IMAGE, stillClock } from './deploy-fakes.js';

const TARGET = { namespace: 'shop', deployment: 'backend', container: 'app' };
const workloadOn = (cluster: Partial<ClusterPort>) => kubernetesWorkload(cluster as ClusterPort, stillClock, TARGET);

/** A Deployment as the API answers it, without a generation when `generation` is undefined. */
const answered = (generation: number | undefined, containers = [{ name: 'app', image: OLD_IMAGE }]): Deployment => ({
  name: 'backend',
  namespace: 'shop',
  ...(generation === undefined ? {} : { generation }),
  labels: {},
  annotations: {},
  spec: { selector: { matchLabels: { app: 'backend' } }, template: { labels: {}, spec: { containers } } },
  status: { conditions: [] },
});

describe('kubernetesWorkload: a Deployment\'s container as a deploy changes and follows it', () => {
  it('given the backend Deployment, when labelled for people, then it names the Deployment and the container', () => {
    expect(workloadOn(new FakeRolloutCluster()).label).toBe('deployment/backend container app');
  });

  it('given a Deployment running the old image, when read, then that image is what runs and what a rollback returns to, the generation what to follow', async () => {
    // given
    const cluster = new FakeRolloutCluster();
    cluster.generation = 4;
    // when
    const state = await workloadOn(cluster).current();
    // then
    expect(state).toStrictEqual({ image: OLD_IMAGE, revision: OLD_IMAGE, token: '4' });
  });

  it('given no such Deployment, when read, then there is no workload', async () => {
    expect(await workloadOn({ getDeployment: async () => undefined }).current()).toBeUndefined();
  });

  it('given a Deployment without the container and without a generation, when read, then no image, an empty revision and generation 0', async () => {
    // given
    const cluster = { getDeployment: async () => answered(undefined, [{ name: 'sidecar', image: 'envoy:1.30' }]) };
    // when
    const state = await workloadOn(cluster).current();
    // then
    expect(state).toStrictEqual({ revision: '', token: '0' });
  });

  it('given a deploy and its rollback, when applied and reverted, then each patches the container\'s image and gives the generation after it', async () => {
    // given
    const cluster = new FakeRolloutCluster();
    const workload = workloadOn(cluster);
    // when
    const applied = await workload.apply(NEW_IMAGE);
    const reverted = await workload.revert(OLD_IMAGE);
    // then
    expect(cluster.patches).toEqual([NEW_IMAGE, OLD_IMAGE]);
    expect([applied, reverted]).toEqual(['2', '3']);
  });

  it('given a patch answered without a generation, when applied, then generation 0 is followed', async () => {
    expect(await workloadOn({ setContainerImage: async () => answered(undefined) }).apply(NEW_IMAGE)).toBe('0');
  });

  it('given an applied image, when its generation is followed and the controller rolls it out, then the rollout succeeded', async () => {
    // given
    const cluster = new FakeRolloutCluster();
    const workload = workloadOn(cluster);
    const token = await workload.apply(NEW_IMAGE);
    const progress: RolloutProgress[] = [];
    // when
    const following = workload.follow(token, 60_000, (p) => progress.push(p));
    await expect.poll(() => cluster.opened.deployment).toBe(1);
    cluster.rollOut();
    // then
    expect(await following).toEqual({ kind: 'succeeded', message: 'deployment "backend" successfully rolled out' });
    expect(progress.at(-1)?.message).toBe('deployment "backend" successfully rolled out');
  });

  it('given this process stops following, when the follow is aborted, then it rejects with the signal\'s reason', async () => {
    // given
    const controller = new AbortController();
    controller.abort(new Error('handed over'));
    // when / then
    await expect(workloadOn(new FakeRolloutCluster()).follow('2', 60_000, () => undefined, controller.signal)).rejects.toThrow('handed over');
  });
});
