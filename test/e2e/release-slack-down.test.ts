import { afterEach, describe, expect, it } from 'vitest';
import { ReleaseHarness, releaseScenario } from '../support/release-harness.js';
import { waitUntil } from '../support/wait-until.js';

let current: ReleaseHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('/release while Slack is down', () => {
  it('runs its stages, rolls back and locks with Slack\'s chat answering 503 throughout; once Slack is back the thread tells it once, in order', async () => {
    // given a release whose frontend crash-loops, approved, and Slack's chat methods failing from then on
    const h = (current = await new ReleaseHarness().start(releaseScenario('release-crashing-frontend')));
    const card = await h.releaseCard('1.2.0 staging');
    const { faults } = h.session.sandbox.state;
    const slackBack = faults.add({ system: 'slack', operation: /^chat\./, mode: { kind: 'status', status: 503 } });
    const chatFailures = () => faults.hits.filter((hit) => hit.system === 'slack').length;
    // when
    await h.approve(card);
    // then: the release runs, fails at the frontend, rolls both back and locks them, all while nothing reaches the thread
    await waitUntil(async () => /backend:1\.1\.0/.test((await h.image('staging', 'backend')) ?? '') && h.patches() >= 4, 90_000, 'both services patched and rolled back');
    await waitUntil(async () => /frontend:1\.1\.0/.test((await h.image('staging', 'frontend')) ?? ''), 60_000, 'frontend back on 1.1.0');
    await waitUntil(() => { const holders = h.lockHolders('staging'); return holders.backend === 'shipmate' && holders.frontend === 'shipmate'; }, 60_000, 'both services locked by shipmate');
    expect(chatFailures()).toBeGreaterThan(0);
    expect(h.thread(card)).toEqual([]);
    expect(h.callCount('CreateDBSnapshot')).toBe(1);
    expect(h.callCount('POST jobs')).toBe(1);
    // when Slack is back
    slackBack();
    // then the whole story reaches the thread, once, in the order it happened
    await h.waitInThread(card, /stopped at stage 5 deploy/, 90_000);
    const lines = h.threadTexts(card);
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const order = [/Release 1\.2\.0 to staging started/, /Stage 1: snapshot/, /Stage 3: deploy backend/, /Stage 5: deploy frontend/, /CrashLoopBackOff/, /stopped at stage 5 deploy/].map(at);
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines.filter((line) => /stopped at stage 5 deploy/.test(line))).toHaveLength(1);
    const refused = await h.command('frontend 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('locked by shipmate');
  }, 240_000);
});
