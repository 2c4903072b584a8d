import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { DeployHarness, isCard, RELEASES, textOf } from '../support/deploy-harness.js';
import { ReleaseHarness } from '../support/release-harness.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

let current: DeployHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** The healthy world with shipmate configured for its ECS service api (scenarios/healthy-ecs.yml), patched further. */
function ecsScenario(worldPatch: PatchOperation[] = [], configPatch: PatchOperation[] = []): Scenario {
  const base = loadScenario('healthy-ecs');
  return { ...base, world: applyPatch(base.world, worldPatch), configPatch: [...base.configPatch, ...configPatch] };
}

const UNPULLABLE: PatchOperation = { op: 'add', path: '/ecs/behaviour/images', value: { '1.2.0': { failure: 'unpullable', reason: 'CannotPullContainerError: pull image manifest has been retried 7 time(s): pull access denied' } } };
const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };
const PINNED = /^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/api:1\.2\.0@sha256:[0-9a-f]{64}$/;

async function ecsState(h: DeployHarness) {
  const config = sessionConfig(h.session);
  const ecs = sandboxPorts(h.session, config, 'staging').ecs;
  const service = await ecs.describeService('shop-staging', 'api');
  const definition = service ? await ecs.describeTaskDefinition(service.taskDefinition) : undefined;
  return { taskDefinition: service?.taskDefinition.split('/').at(-1), image: definition?.containerDefinitions.find((c) => c.name === 'api')?.image };
}

const calls = (h: DeployHarness, operation: string) => h.session.sandbox.state.calls.filter((c) => c.system !== 'kubernetes' && c.operation === operation).length;

describe('/deploy of an ECS service', () => {
  it('registers a revision with only the image changed, pinned to the digest, updates the service and follows it to the end', async () => {
    // given
    const h = (current = await new DeployHarness().start(ecsScenario()));
    expect(await ecsState(h)).toEqual({ taskDefinition: 'shop-staging-api:7', image: expect.stringMatching(/shop\/api:1\.1\.0$/) });
    // when
    const card = await h.requestAndApprove('api 1.2.0 staging');
    // then
    expect(textOf(card)).toContain('Deploy api 1.2.0 to staging');
    await h.waitInThread(card, /Patched ECS service api container api/);
    await h.waitInThread(card, /Rolled out/, 60_000);
    await h.slack.waitForMessage((m) => m.ts === card.ts && /runs shop-staging-api:8: 2 of 2 tasks running/.test(textOf(m)), 15_000);
    expect(await ecsState(h)).toEqual({ taskDefinition: 'shop-staging-api:8', image: expect.stringMatching(PINNED) });
    expect(calls(h, 'RegisterTaskDefinition')).toBe(1);
    expect(calls(h, 'UpdateService')).toBe(1);
    expect(h.patches()).toBe(0);
  }, 90_000);

  it('fails on the first task that cannot pull its image, with ECS\'s reason, rolls back to the previous revision and locks the service', async () => {
    // given
    const h = (current = await new DeployHarness().start(ecsScenario([UNPULLABLE])));
    // when
    const card = await h.requestAndApprove('api 1.2.0 staging');
    // then
    const failure = await h.waitInThread(card, /CannotPullContainerError/, 60_000);
    expect(failure.replyBroadcast).toBe(true);
    await h.waitInThread(card, /rolled back/, 60_000);
    expect(await ecsState(h)).toEqual({ taskDefinition: 'shop-staging-api:7', image: expect.stringMatching(/shop\/api:1\.1\.0$/) });
    expect(calls(h, 'UpdateService')).toBe(2);
    expect(calls(h, 'RegisterTaskDefinition')).toBe(1);
    const refused = await h.command('api 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('locked by shipmate');
  }, 90_000);

  it('resumes after kill -9 mid-deploy without registering or updating again', async () => {
    // given: tasks slow to start, so the deploy is still rolling out when the bot dies
    const h = (current = await new DeployHarness().start(ecsScenario([{ op: 'replace', path: '/ecs/behaviour/taskStartSeconds', value: 3 }]), FAST_LEASE));
    const card = await h.requestAndApprove('api 1.2.0 staging');
    await h.waitInThread(card, /Patched ECS service api/, 30_000);
    // when
    await h.restart();
    // then
    await h.waitInThread(card, /Rolled out/, 90_000);
    expect(calls(h, 'RegisterTaskDefinition')).toBe(1);
    expect(calls(h, 'UpdateService')).toBe(1);
  }, 150_000);

  it.each([
    ['/services/api/ecs/service', 'checkout', 'ecs.service'],
    ['/services/api/ecs/container', 'web', 'ecs.service', 'add'],
    ['/environments/staging/ecs/cluster', 'nowhere', 'ecs.service'],
  ])('refuses a deploy when %s is %s, in one line, registering nothing', async (path, value, check, op = 'replace') => {
    const h = (current = await new DeployHarness().start(ecsScenario([], [{ op: op as 'replace', path, value }])));
    await h.command('api 1.2.0 staging');
    const answer = await h.slack.waitForResponse((r) => (r.text ?? '').includes('cannot be deployed'), 20_000);
    expect(answer.text).toContain(check);
    expect(calls(h, 'RegisterTaskDefinition')).toBe(0);
    expect(calls(h, 'UpdateService')).toBe(0);
    expect(h.slack.messages.filter(isCard)).toHaveLength(0);
  }, 60_000);
});

describe('/release with an ECS service', () => {
  const API_RELEASE: PatchOperation = {
    op: 'replace',
    path: '/environments/staging/releases',
    value: { stages: [{ migrate: { service: 'api', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 5 } }, { deploy: ['api'] }] },
  };

  it('runs the migration as one ECS task and deploys the service', async () => {
    const h = (current = await new ReleaseHarness().start(ecsScenario([], [API_RELEASE])));
    const r = h as ReleaseHarness;
    const card = await r.releaseCard('1.2.0 staging');
    await r.approve(card);
    await h.waitInThread(card, /every stage passed/, 90_000);
    expect(h.thread(card).some((m) => /migration task \S+ completed/.test(textOf(m)))).toBe(true);
    expect(calls(h, 'RunTask')).toBe(1);
    expect(await ecsState(h)).toMatchObject({ image: expect.stringMatching(PINNED) });
  }, 120_000);

  it('stops when the migration task exits non-zero, before the deploy', async () => {
    const crash: PatchOperation = { op: 'add', path: '/ecs/behaviour/images', value: { '1.2.0': { failure: 'crash', exitCode: 1 } } };
    const h = (current = await new ReleaseHarness().start(ecsScenario([crash], [API_RELEASE])));
    const r = h as ReleaseHarness;
    const card = await r.releaseCard('1.2.0 staging');
    await r.approve(card);
    const story = await h.waitInThread(card, /stopped at stage 1 migrate/, 90_000);
    expect(h.thread(card).some((m) => /exited with code 1/.test(textOf(m)))).toBe(true);
    expect(story.text).toContain('Nothing was deployed');
    expect(calls(h, 'UpdateService')).toBe(0);
    expect(h.slack.messages.filter((m) => m.channel === RELEASES && !m.threadTs)).toHaveLength(1);
  }, 120_000);
});
