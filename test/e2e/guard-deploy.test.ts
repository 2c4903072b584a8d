import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { DeployHarness, textOf } from '../support/deploy-harness.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';
import { startGuardedBot } from '../support/guarded-bot.js';
import type { TestPrometheus } from '../support/prometheus.js';

/*
 * Metric guards end to end (SPEC §11, issue 18): the compiled bot, the
 * sandbox of scenarios/guard-breach.yml (backend 1.2.0, a Deployment, and
 * api 1.2.0, an ECS service, answer 20 % 5xx; everything else 0.1 %), and a real Prometheus scraping the sandbox's
 * /metrics every second. Each service's error-ratio guard (below 1 %) is
 * watched for 15 s after its rollout, every second. One bot process serves
 * every case (and is killed once, mid-guard, for the frontend's).
 */

const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };
const RATIO = (app: string, where = 'namespace') =>
  `sum(rate(http_requests_total{app="${app}",${where}="shop-staging",code=~"5.."}[15s])) / sum(rate(http_requests_total{app="${app}",${where}="shop-staging"}[15s]))`;

function guardedScenario(): Scenario {
  const base = loadScenario('guard-breach');
  return { ...base, world: applyPatch(base.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds: 0.2 } }]) };
}

const patchesOf = (h: DeployHarness, deployment: string) =>
  h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && c.operation.startsWith('PATCH') && c.operation.includes(`/deployments/${deployment}`)).length;

describe('/deploy with metric guards, against a real Prometheus', () => {
  const h = new DeployHarness();
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    h.env = FAST_LEASE;
    prometheus = await startGuardedBot(h, guardedScenario(), [RATIO('backend'), RATIO('frontend'), RATIO('api', 'cluster')]);
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await prometheus?.stop();
  });

  it('rolls backend 1.2.0 out, sees its error ratio breach the guard, rolls back to 1.1.0 and locks it, the thread quoting the value', async () => {
    // given
    const before = await h.image();
    // when
    const card = await h.requestAndApprove('backend 1.2.0 staging');
    // then
    await h.waitInThread(card, /Watching its metric guard error-ratio \(below 0\.01, 15s\), every 1 s/, 60_000);
    const failure = await h.waitInThread(card, /MetricGuardBreached/, 60_000);
    const quoted = /MetricGuardBreached: error-ratio: (0\.\d+), threshold below 0\.01 — breached/.exec(textOf(failure));
    expect(quoted, textOf(failure)).not.toBeNull();
    expect(Number(quoted![1])).toBeGreaterThan(0.01);
    expect(failure.replyBroadcast).toBe(true);
    await h.waitInThread(card, /rolled back to 1\.1\.0/, 60_000);
    expect(await h.image()).toBe(before);
    expect(patchesOf(h, 'backend')).toBe(2);
    expect(h.thread(card).some((m) => /guard passed/.test(textOf(m)))).toBe(false);
    const refused = await h.command('backend 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('deploys of backend to staging are locked by shipmate');
  }, 180_000);

  it('guards an ECS service the same way: api 1.2.0 breaches, and its previous task definition revision comes back, locked', async () => {
    // when
    const card = await h.requestAndApprove('api 1.2.0 staging');
    // then
    await h.waitInThread(card, /Watching its metric guard error-ratio/, 60_000);
    const failure = await h.waitInThread(card, /MetricGuardBreached: error-ratio: 0\.\d+, threshold below 0\.01 — breached/, 60_000);
    expect(failure.replyBroadcast).toBe(true);
    await h.waitInThread(card, /rolled back to 1\.1\.0/, 60_000);
    expect(h.session.sandbox.state.calls.filter((c) => c.operation === 'UpdateService')).toHaveLength(2);
    const ecs = sandboxPorts(h.session, sessionConfig(h.session), 'staging').ecs;
    expect((await ecs.describeService('shop-staging', 'api'))?.taskDefinition).toMatch(/:task-definition\/shop-staging-api:7$/);
    const refused = await h.command('api 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('deploys of api to staging are locked by shipmate');
  }, 180_000);

  it('rolls frontend 1.0.0 out and passes its guard for the whole window, even across a kill -9 while guarding, without a second rollout', async () => {
    // given
    const card = await h.requestAndApprove('frontend 1.0.0 staging');
    await h.waitInThread(card, /Watching its metric guard error-ratio/, 60_000);
    // (the card's edit comes after that line in the outbox: once it shows, the line is recorded as sent and is not sent again)
    await h.slack.waitForMessage((m) => m.ts === card.ts && /rolled out in staging; watching error-ratio/.test(textOf(m)), 30_000);
    // when: the bot dies mid-window; the next process takes the run over from the store
    await h.restart();
    // then
    const passed = await h.waitInThread(card, /error-ratio 0\.\d+ &lt; 0\.01 for 15s: guard passed|error-ratio 0\.\d+ < 0\.01 for 15s: guard passed/, 120_000);
    expect(textOf(passed)).not.toMatch(/could not be judged/);
    await h.slack.waitForMessage((m) => m.ts === card.ts && /frontend 1\.0\.0 is running in staging: .*guard error-ratio passed/.test(textOf(m)), 30_000);
    expect(h.thread(card).filter((m) => /Watching its metric guard/.test(textOf(m)))).toHaveLength(1);
    expect(h.thread(card).some((m) => /MetricGuardBreached|rolled back/.test(textOf(m)))).toBe(false);
    expect(patchesOf(h, 'frontend')).toBe(1);
    expect(await h.image('staging', 'frontend')).toMatch(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/frontend:1\.0\.0@sha256:[0-9a-f]{64}$/);
  }, 240_000);

  it('/verify judges every guard of the environment once, beside the smoke tests', async () => {
    // when
    const asked = await h.command('staging', '/verify');
    // then
    expect(JSON.stringify(asked.ack)).toContain('Running the smoke tests of staging');
    const table = await h.slack.waitForMessage((m) => !m.threadTs && /Verify · staging · 4\/4 passed · /.test(textOf(m)), 30_000);
    expect(textOf(table)).toContain('*Metric guards*');
    expect(textOf(table)).toMatch(/✅ frontend error-ratio: 0\.00\d+, threshold below 0\.01/);
    expect(textOf(table)).toMatch(/[✅❌] backend error-ratio: 0\.\d+, threshold below 0\.01/);
  }, 60_000);
});
