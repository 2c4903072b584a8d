import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/sandbox/scenarios.js';
import { textOf } from '../support/deploy-harness.js';
import { startGuardedBot } from '../support/guarded-bot.js';
import type { TestPrometheus } from '../support/prometheus.js';
import { ReleaseHarness, releaseScenario } from '../support/release-harness.js';

/*
 * Metric guards in a release's deploy stage, end to end (SPEC §9, §11): the
 * compiled bot, the sandbox of scenarios/guard-breach.yml (backend 1.2.0
 * answers 20 % 5xx, 1.1.0 0.1 %) with staging's runbook reduced to one deploy
 * stage of backend, and a real Prometheus scraping the sandbox's /metrics
 * every second. backend's error-ratio guard (below 1 %) is watched for 15 s
 * after the stage's rollout, every second.
 */

const BACKEND_RATIO =
  'sum(rate(http_requests_total{app="backend",namespace="shop-staging",code=~"5.."}[15s])) / sum(rate(http_requests_total{app="backend",namespace="shop-staging"}[15s]))';

function guardedRelease(): Scenario {
  const world = releaseScenario('guard-breach');
  return { ...world, configPatch: [...(world.configPatch ?? []), { op: 'replace', path: '/environments/staging/releases/stages', value: [{ deploy: ['backend'] }] }] };
}

describe('/release with metric guards, against a real Prometheus', () => {
  const h = new ReleaseHarness();
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    prometheus = await startGuardedBot(h, guardedRelease(), [BACKEND_RATIO]);
  }, 120_000);

  afterAll(async () => {
    await h.stop();
    await prometheus?.stop();
  });

  it('releases backend 1.2.0, sees its guard breach after the deploy stage, stops, rolls backend back to 1.1.0 and locks it, the thread quoting the value', async () => {
    // given
    const card = await h.releaseCard('1.2.0 staging');
    // when
    await h.approve(card);
    // then
    await h.waitInThread(card, /Watching the metric guard backend error-ratio \(below 0\.01, 15s\), every 1 s/, 60_000);
    const failure = await h.waitInThread(card, /failed at stage 1/, 60_000);
    const quoted = /MetricGuardBreached: backend error-ratio: (0\.\d+), threshold below 0\.01 — breached/.exec(textOf(failure));
    expect(quoted, textOf(failure)).not.toBeNull();
    expect(Number(quoted![1])).toBeGreaterThan(0.01);
    expect(failure.replyBroadcast).toBe(true);
    const story = await h.waitInThread(card, /stopped at stage 1 deploy/, 60_000);
    expect(textOf(story)).toContain('Rolled back, in this order: backend.');
    expect(textOf(story)).toContain('Locked in staging: backend');
    expect(await h.image('staging', 'backend')).toMatch(/backend:1\.1\.0/);
    expect(h.patches()).toBe(2);
    expect(h.threadTexts(card).some((t) => /guard passed|every stage passed/.test(t))).toBe(false);
    const refused = await h.command('backend 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('deploys of backend to staging are locked by shipmate');
  }, 180_000);
});
