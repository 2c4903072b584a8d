import { afterEach, describe, expect, it } from 'vitest';
import { CanaryHarness, canaryScenario } from '../support/canary-harness.js';
import { isCard, RELEASES, textOf } from '../support/deploy-harness.js';

let current: CanaryHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const STABLE = /shop\/checkout:1\.0\.0$/;
const CANARY = /shop\/checkout:1\.1\.0@sha256:[0-9a-f]{64}$/;

describe('/deploy of an Argo Rollout (a canary)', () => {
  it('20 % → pause → Promote by an approver (the requester alone refused) → 50 % → analysis passes → 100 %, in one thread', async () => {
    // given
    const h = (current = await new CanaryHarness().start(canaryScenario('canary')));
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    await h.expectInThread(card, /Step 1\/5: setWeight 20/);
    const promote = await h.promoteCard(card, 2);
    expect(textOf(promote)).toMatch(/paused at step 2\/5/);
    // when the requester clicks Promote alone
    await h.click(promote, 'approve', 'U0ALICE');
    // then it is refused, only to them, and the canary stays paused
    await h.slack.waitForResponse((r) => /you asked for this; someone else has to approve it/.test(r.text ?? ''), 10_000);
    expect((await h.rollout())!.status.pauseConditions.length).toBeGreaterThan(0);
    // when an approver promotes
    await h.click(promote, 'approve', 'U0BOB');
    // then the canary goes on through its analysis to 100 %
    await h.expectInThread(card, /Promoted past step 2\/5 by/);
    await h.expectInThread(card, /Step 3\/5: setWeight 50/);
    await h.expectInThread(card, /error-rate/);
    await h.expectInThread(card, /AnalysisRun \S+ Successful: error-rate/, 40_000);
    await h.expectInThread(card, /Step 5\/5: setWeight 100/);
    await h.expectInThread(card, /Rolled out\./, 40_000);
    await h.slack.waitForMessage((m) => m.ts === card.ts && /is running in staging: rollout .{0,4}checkout.{0,4} is Healthy/.test(textOf(m)), 15_000);
    expect(await h.rolloutImage()).toMatch(CANARY);
    expect(h.current(promote)).toMatch(/Promoted by/);
    expect(h.slack.messages.filter((m) => m.threadTs && m.threadTs !== card.ts)).toEqual([]);
  }, 90_000);

  it('an analysis failing at step 2 is reported with its measurement and aborted; the service is rolled back and locked', async () => {
    // given
    const h = (current = await new CanaryHarness().start(canaryScenario('canary-analysis-step2')));
    // when
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    // then
    const failure = await h.expectInThread(card, /The rollout of checkout 1\.1\.0 to staging failed — AnalysisFailed/, 40_000);
    expect(textOf(failure)).toContain('3.5');
    expect(failure.replyBroadcast).toBe(true);
    await h.expectInThread(card, /rolled back to 1\.0\.0/, 40_000);
    await h.expectInThread(card, /locked until/);
    expect(await h.rolloutImage()).toMatch(STABLE);
    const refused = await h.command('checkout 1.1.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('locked by shipmate');
  }, 90_000);

  it('a crash-looping canary pod is reported at once with its reason (not after the progress deadline), rolled back and locked', async () => {
    // given
    const h = (current = await new CanaryHarness().start(canaryScenario('canary-crash')));
    // when
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    // then
    const failure = await h.expectInThread(card, /The rollout of checkout 1\.1\.0 to staging failed — CrashLoopBackOff/, 40_000);
    expect(failure.replyBroadcast).toBe(true);
    await h.expectInThread(card, /rolled back to 1\.0\.0/, 40_000);
    expect(await h.rolloutImage()).toMatch(STABLE);
  }, 90_000);

  it('Abort clicked mid-canary returns to the stable version and locks the service', async () => {
    // given
    const h = (current = await new CanaryHarness().start(canaryScenario('canary')));
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    const promote = await h.promoteCard(card, 2);
    // when
    await h.click(promote, 'reject', 'U0BOB');
    // then
    await h.expectInThread(card, /aborted the canary at step 2\/5/);
    await h.expectInThread(card, /RolloutAborted/, 30_000);
    await h.expectInThread(card, /rolled back to 1\.0\.0/, 40_000);
    await h.expectInThread(card, /locked until/);
    expect(await h.rolloutImage()).toMatch(STABLE);
    expect((await h.rollout())!.status.phase).toBe('Healthy');
    await h.slack.waitForMessage((m) => m.ts === promote.ts && /Aborted by/.test(textOf(m)), 10_000);
  }, 90_000);

  it('a restart while paused keeps the buttons working: Promote on the old card, taken by the new process, finishes the canary', async () => {
    // given a canary paused at step 2 and its card (a short leader lease, so the restarted bot leads at once)
    const h = (current = await new CanaryHarness().start(canaryScenario('canary'), { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' }));
    const card = await h.requestAndApprove('checkout 1.1.0 staging');
    const promote = await h.promoteCard(card, 2);
    const promoteId = /"approval:([a-z0-9-]+)"/.exec(JSON.stringify(promote.blocks))![1];
    // when the bot is killed and started again, and an approver clicks the same card
    await h.restart();
    await h.click(promote, 'approve', 'U0BOB');
    // then
    await h.expectInThread(card, /Promoted past step 2\/5 by/, 30_000);
    await h.expectInThread(card, /Rolled out\./, 40_000);
    expect(await h.rolloutImage()).toMatch(CANARY);
    // One request behind the pause (a card the killed process had posted but not yet recorded may be posted again: chat is at-least-once).
    const cards = h.slack.messages.filter((m) => m.threadTs === card.ts && /The canary of checkout 1\.1\.0 in staging, paused at step 2\/5/.test(textOf(m)));
    expect(new Set(cards.map((m) => /request `([a-z0-9-]+)`/.exec(textOf(m))?.[1]))).toEqual(new Set([promoteId]));
    // …and one promote: a single PATCH of the Rollout's status.
    const promotes = h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && /^PATCH .*\/rollouts\/checkout\/status/.test(c.operation));
    expect(promotes).toHaveLength(1);
  }, 90_000);
});

describe('/release with a canary in a deploy stage', () => {
  it('offers Promote / Abort in the release\'s thread and goes on when an approver promotes', async () => {
    // given staging's runbook: one deploy stage rolling out the checkout Rollout
    const world = canaryScenario('canary');
    const runbook = { ...world, configPatch: [...(world.configPatch ?? []), { op: 'replace' as const, path: '/environments/staging/releases/stages', value: [{ deploy: ['checkout'] }] }] };
    const h = (current = await new CanaryHarness().start(runbook));
    await h.command('1.1.0 staging', '/release');
    const card = await h.slack.waitForMessage((m) => isCard(m) && /Release 1\.1\.0 to staging/.test(textOf(m)), 20_000);
    await h.slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, h.delivery());
    // when the canary pauses and an approver promotes
    const promote = await h.promoteCard(card, 2, 40_000);
    expect(textOf(promote)).toMatch(/The canary of checkout 1\.1\.0 in staging, paused at step 2\/5/);
    await h.click(promote, 'approve', 'U0BOB');
    // then the release's deploy stage finishes
    await h.expectInThread(card, /Promoted past step 2\/5 by/);
    await h.expectInThread(card, /Stage 1 deploy: checkout: rollout .{0,4}checkout.{0,4} is Healthy/, 60_000);
    await h.expectInThread(card, /Release 1\.1\.0 to staging is done/);
    expect(await h.rolloutImage()).toMatch(CANARY);
  }, 120_000);
});
