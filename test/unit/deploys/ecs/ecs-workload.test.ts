import { describe, expect, it } from 'vitest';
import { ECS_POLL_MS, ecsWorkload } from '../../../../src/domain/deploys/ecs/ecs-workload.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import type { EcsPort, EcsService, EcsTaskDefinition } from '../../../../src/ports/ecs.port.js';
import { anEcsService, aTaskDefinition } from '../../../support/ecs-builders.js';

const RUNNING = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7';
const REGISTERED = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:8';
const NEW_IMAGE = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.2.0@sha256:bbbb';
const TARGET = { cluster: 'shop-staging', service: 'api', container: 'api' };

/** ECS with one service: what it was asked to change is recorded; UpdateService makes the service run the revision at once. */
function fakeEcs(options: { service?: EcsService | undefined; definition?: EcsTaskDefinition | undefined } = {}) {
  const calls: string[] = [];
  let service = 'service' in options ? options.service : anEcsService();
  const ecs: Partial<EcsPort> = {
    describeService: async (cluster, name) => (calls.push(`DescribeServices ${cluster} ${name}`), service),
    describeTaskDefinition: async (arn) => (calls.push(`DescribeTaskDefinition ${arn}`), 'definition' in options ? options.definition : aTaskDefinition()),
    registerWithImage: async (from, container, image) => (
      calls.push(`RegisterTaskDefinition from ${from} ${container}=${image}`), aTaskDefinition((d) => ((d.taskDefinitionArn = REGISTERED), (d.revision = 8)))
    ),
    updateService: async (cluster, name, taskDefinition) => {
      calls.push(`UpdateService ${cluster} ${name} ${taskDefinition}`);
      const rolledOut = { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' as const };
      service = anEcsService((s) => ((s.taskDefinition = taskDefinition), (s.deployments = [rolledOut])));
      return service;
    },
  };
  return { ecs: ecs as EcsPort, calls };
}

/** A clock whose sleeps pass at once and are recorded. */
function steppingClock() {
  const sleeps: number[] = [];
  let now = Date.parse('2026-12-06T10:00:00Z');
  const clock: Clock = { now: () => new Date(now), sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
  return { clock, sleeps };
}

describe('ecsWorkload: an ECS service\'s container as a deploy changes and follows it', () => {
  it('given the api service, when labelled for people, then it names the ECS service and the container', () => {
    expect(ecsWorkload(fakeEcs().ecs, steppingClock().clock, TARGET).label).toBe('ECS service api container api');
  });

  it('given a service running revision 7, when read, then its container\'s image runs, and revision 7 is what a rollback returns to and what to follow', async () => {
    // given
    const { ecs, calls } = fakeEcs();
    // when
    const state = await ecsWorkload(ecs, steppingClock().clock, TARGET).current();
    // then
    expect(state).toStrictEqual({ image: aTaskDefinition().containerDefinitions[0]!.image, revision: RUNNING, token: RUNNING });
    expect(calls).toEqual(['DescribeServices shop-staging api', `DescribeTaskDefinition ${RUNNING}`]);
  });

  it('given no such service, when read, then there is no workload', async () => {
    expect(await ecsWorkload(fakeEcs({ service: undefined }).ecs, steppingClock().clock, TARGET).current()).toBeUndefined();
  });

  it('given a task definition without the container, or none at all, when read, then no image but still the revision', async () => {
    // given
    const other = ecsWorkload(fakeEcs().ecs, steppingClock().clock, { ...TARGET, container: 'worker' });
    const gone = ecsWorkload(fakeEcs({ definition: undefined }).ecs, steppingClock().clock, TARGET);
    // when / then
    expect(await other.current()).toStrictEqual({ revision: RUNNING, token: RUNNING });
    expect(await gone.current()).toStrictEqual({ revision: RUNNING, token: RUNNING });
  });

  it('given a new image, when applied, then a revision of the running task definition with only that container\'s image, the service updated to it, and that revision followed', async () => {
    // given
    const { ecs, calls } = fakeEcs();
    // when
    const token = await ecsWorkload(ecs, steppingClock().clock, TARGET).apply(NEW_IMAGE);
    // then
    expect(token).toBe(REGISTERED);
    expect(calls).toEqual([
      'DescribeServices shop-staging api',
      `RegisterTaskDefinition from ${RUNNING} api=${NEW_IMAGE}`,
      `UpdateService shop-staging api ${REGISTERED}`,
    ]);
  });

  it('given no such service, when applied, then it fails naming the service and cluster, registering nothing', async () => {
    // given
    const { ecs, calls } = fakeEcs({ service: undefined });
    // when / then
    await expect(ecsWorkload(ecs, steppingClock().clock, TARGET).apply(NEW_IMAGE)).rejects.toThrow('ECS service api in cluster shop-staging not found');
    expect(calls).toEqual(['DescribeServices shop-staging api']);
  });

  it('given a rollback to revision 7, when reverted, then the service is updated back to it, registering nothing, and revision 7 followed', async () => {
    // given
    const { ecs, calls } = fakeEcs();
    // when
    const token = await ecsWorkload(ecs, steppingClock().clock, TARGET).revert(RUNNING);
    // then
    expect(token).toBe(RUNNING);
    expect(calls).toEqual([`UpdateService shop-staging api ${RUNNING}`]);
  });

  it.each([
    [undefined, 3_000],
    [500, 500],
  ])('given a rollout under way, when followed (poll %s), then ECS is asked again every %i ms until the revision runs', async (pollMs, every) => {
    // given: revision 8 rolling out; UpdateService (by someone) completes it during the first wait
    const rolling = { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: REGISTERED, desiredCount: 2, runningCount: 0, pendingCount: 2, failedTasks: 0, rolloutState: 'IN_PROGRESS' as const };
    const { ecs } = fakeEcs({ service: anEcsService((s) => (s.deployments = [rolling, { ...s.deployments[0]!, status: 'ACTIVE' }])) });
    const { clock, sleeps } = steppingClock();
    const stepping: Clock = { now: clock.now, sleep: async (ms) => (await clock.sleep(ms), void (await ecs.updateService('shop-staging', 'api', REGISTERED))) };
    const workload = ecsWorkload(ecs, stepping, { ...TARGET, ...(pollMs === undefined ? {} : { pollMs }) });
    const progress: string[] = [];
    // when
    const outcome = await workload.follow(REGISTERED, 60_000, (p) => progress.push(p.message));
    // then
    expect(outcome).toEqual({ kind: 'succeeded', message: 'service api runs shop-staging-api:8: 2 of 2 tasks running' });
    expect(progress).toEqual(['Waiting for service api to run shop-staging-api:8: 0 of 2 new tasks running, 2 pending, 2 old still running']);
    expect(sleeps).toEqual([every]);
    expect(ECS_POLL_MS).toBe(3_000);
  });

  it('given this process stops following, when the follow is aborted, then it rejects with the signal\'s reason, asking ECS nothing', async () => {
    // given
    const { ecs, calls } = fakeEcs();
    const controller = new AbortController();
    controller.abort(new Error('handed over'));
    // when / then
    await expect(ecsWorkload(ecs, steppingClock().clock, TARGET).follow(RUNNING, 60_000, () => undefined, controller.signal)).rejects.toThrow('handed over');
    expect(calls).toEqual([]);
  });
});
