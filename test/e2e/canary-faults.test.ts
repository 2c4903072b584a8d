import { afterEach, describe, expect, it } from 'vitest';
import { CanaryHarness, canaryScenario } from '../support/canary-harness.js';
import { textOf } from '../support/deploy-harness.js';
import { waitUntil } from '../support/wait-until.js';

let current: CanaryHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };
const CANARY = /shop\/checkout:1\.1\.0@sha256:[0-9a-f]{64}$/;
const PROMOTE_PATCH = /^PATCH .*\/rollouts\/checkout\/status/;

describe('canary Promote under faults', () => {
  it('a Promote applied by the cluster but never answered, then kill -9: the restarted bot sees the canary past the pause, never promotes again, and finishes', async () => {
    // given a canary paused at step 2, and a cluster that applies the promote but never answers it
    const h = (current = await new CanaryHarness().start(canaryScenario('canary'), FAST_LEASE));
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    const promote = await h.promoteCard(card, 2);
    const { faults } = h.session.sandbox.state;
    faults.add({ system: 'kubernetes', operation: PROMOTE_PATCH, mode: { kind: 'hang-after' }, times: 1 });
    // when an approver promotes, the patch is applied, and the bot dies before it hears back
    await h.click(promote, 'approve', 'U0BOB');
    await waitUntil(() => faults.hits.length > 0, 15_000, 'the promote to reach the cluster');
    await h.restart();
    // then
    await h.expectInThread(card, /Rolled out\./, 40_000);
    expect(await h.rolloutImage()).toMatch(CANARY);
    const promotes = h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && PROMOTE_PATCH.test(c.operation));
    expect(promotes).toHaveLength(1);
  }, 90_000);

  it('Slack down while the canary pauses: the rollout waits at the pause without losing anything; once Slack is back the card arrives and its Promote works', async () => {
    // given Slack's chat methods answering 503 from the start of the deploy's rollout
    const h = (current = await new CanaryHarness().start(canaryScenario('canary')));
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    await h.waitInThread(card, /Step 1\/5: setWeight 20/);
    const { faults } = h.session.sandbox.state;
    const slackBack = faults.add({ system: 'slack', operation: /^chat\./, mode: { kind: 'status', status: 503 } });
    await waitUntil(async () => (await h.rollout())!.status.pauseConditions.length > 0, 30_000, 'the canary to pause');
    await waitUntil(() => faults.hits.length > 0, 15_000, 'a chat call to fail');
    // when Slack comes back
    slackBack();
    const promote = await h.promoteCard(card, 2, 60_000);
    await h.click(promote, 'approve', 'U0BOB');
    // then
    await h.expectInThread(card, /Rolled out\./, 40_000);
    expect(await h.rolloutImage()).toMatch(CANARY);
    expect(h.thread(card).filter((m) => /The canary of checkout 1\.1\.0 in staging, paused at step 2\/5/.test(textOf(m)))).toHaveLength(1);
  }, 120_000);
});
