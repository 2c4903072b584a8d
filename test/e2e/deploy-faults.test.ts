import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/faults.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { DeployHarness, isCard, RELEASES, scenario, textOf } from '../support/deploy-harness.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * The deploy path under faults, on the compiled program (SPEC §13): Slack down
 * while a rollout fails, the process killed at every step between Approve and
 * the patch, a store write that fails once.
 */

/** A restarted process leads within a second or two instead of waiting out the production lease. */
const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };
const CRASH_LOOP = [{ op: 'add' as const, path: '/kubernetes/behaviour/failures', value: { '1.0.0': 'crash-loop' } }];
const DEPLOYMENT_PATH = '/apis/apps/v1/namespaces/shop-staging/deployments/backend';

let current: DeployHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const count = (messages: PostedMessage[], pattern: RegExp) => messages.filter((m) => pattern.test(textOf(m))).length;
const patchCalls = (h: DeployHarness) => h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && c.operation.startsWith('PATCH'));

/** Who holds backend's lock in staging, read from the bot's own store file. */
function lockHolder(h: DeployHarness): string | undefined {
  const db = new Database(join(h.session.dir, 'shipmate.db'), { readonly: true });
  try {
    return db.prepare("SELECT holder FROM locks WHERE service = 'backend' AND environment = 'staging'").pluck().get() as string | undefined;
  } finally {
    db.close();
  }
}

/** Posts the card and approves it, with `fault` injected once the card is up (so the request's own preflight is not hit). */
async function approveWith(h: DeployHarness, fault: FaultRule): Promise<PostedMessage> {
  await h.command('backend 1.0.0 staging');
  const card = await h.slack.waitForMessage(isCard, 15_000);
  h.session.sandbox.state.faults.add(fault);
  await h.slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, h.delivery());
  await waitUntil(() => h.session.sandbox.state.faults.hits.length > 0, 15_000, 'the fault to be hit');
  return card;
}

describe('a deploy under faults', () => {
  it('rolls back and locks a crash-looping release while every chat call fails, then tells the thread failure, rollback and lock once each, in order', async () => {
    // given: pods of 1.0.0 crash-loop
    const h = (current = await new DeployHarness().start(scenario(CRASH_LOOP), FAST_LEASE));
    const before = await h.image();
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    // when: every chat.* call answers 503 from the moment the image is patched until the rollback and the lock are done
    await waitUntil(() => patchCalls(h).length >= 1, 15_000, 'the patch');
    const slackDown = h.session.sandbox.state.faults.add({ system: 'slack', operation: /^chat\./, mode: { kind: 'status', status: 503 } });
    const chatFailures = () => h.session.sandbox.state.faults.hits.filter((hit) => hit.system === 'slack').length;
    try {
      // then: rolled back to the previous image and locked while Slack is still down
      await waitUntil(async () => patchCalls(h).length >= 2 && (await h.image()) === before, 60_000, 'the rollback');
      // A figure for the README, not an assertion: from the patch of the crash-looping image to its rollback patch.
      console.info(`deploy-faults: rollback patched ${patchCalls(h)[1]!.at - patchCalls(h)[0]!.at} ms after the patch, Slack down throughout`);
      await waitUntil(() => lockHolder(h) === 'shipmate', 30_000, 'the lock after the rollback');
      const refused = await h.command('backend 1.0.0 staging');
      expect(JSON.stringify(refused.ack)).toContain('locked by shipmate');
      await waitUntil(() => chatFailures() > 0, 30_000, 'the bot to meet the outage');
      expect(h.thread(card).filter((m) => /CrashLoopBackOff/.test(textOf(m)))).toHaveLength(0);
    } finally {
      // after Slack returns
      slackDown();
    }
    await h.waitInThread(card, /are locked until someone runs/, 60_000);
    const thread = h.thread(card);
    const failure = thread.findIndex((m) => /CrashLoopBackOff/.test(textOf(m)));
    const rollingBack = thread.findIndex((m) => /Rolling back to/.test(textOf(m)));
    const locked = thread.findIndex((m) => /are locked until someone runs/.test(textOf(m)));
    expect([count(thread, /CrashLoopBackOff/), count(thread, /Rolling back to/), count(thread, /are locked until someone runs/)]).toEqual([1, 1, 1]);
    expect(failure).toBeLessThan(rollingBack);
    expect(rollingBack).toBeLessThan(locked);
    expect(thread[failure]!.replyBroadcast).toBe(true);
    expect(h.session.sandbox.state.faults.hits.length).toBeGreaterThan(0);
  }, 200_000);

  const killPoints: Array<{ step: string; fault: FaultRule; patchesBeforeRestart: number }> = [
    { step: 'reading the Deployment before the patch', fault: { system: 'kubernetes', operation: new RegExp(`^GET ${DEPLOYMENT_PATH}$`), mode: { kind: 'hang' }, times: 1 }, patchesBeforeRestart: 0 },
    { step: 'resolving the tag again in ECR', fault: { system: 'aws', operation: /^DescribeImages$/, mode: { kind: 'hang' }, times: 1 }, patchesBeforeRestart: 0 },
    { step: 'the patch, not applied', fault: { system: 'kubernetes', operation: /^PATCH /, mode: { kind: 'hang' }, times: 1 }, patchesBeforeRestart: 0 },
    { step: 'the patch, applied but never answered', fault: { system: 'kubernetes', operation: /^PATCH /, mode: { kind: 'hang-after' }, times: 1 }, patchesBeforeRestart: 1 },
  ];

  for (const { step, fault, patchesBeforeRestart } of killPoints) {
    it(`kill -9 during ${step}: the restarted bot patches exactly once and reports the rollout once`, async () => {
      // given
      const h = (current = await new DeployHarness().start(scenario(), FAST_LEASE));
      const card = await approveWith(h, fault);
      expect(patchCalls(h)).toHaveLength(patchesBeforeRestart);
      // when
      await h.restart();
      // then
      await h.waitInThread(card, /successfully rolled out/, 30_000);
      await h.slack.waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 15_000);
      expect(patchCalls(h)).toHaveLength(1);
      expect(await h.image()).toMatch(/:1\.0\.0@sha256:/);
      expect(count(h.thread(card), /successfully rolled out/)).toBe(1);
      expect(count(h.thread(card), /Patched deployment\/backend/)).toBe(1);
    }, 60_000);
  }

  it('kill -9 before the patch and back only after the start deadline: nothing is patched and the thread says it did not start', async () => {
    // given
    const h = (current = await new DeployHarness().start(scenario(), FAST_LEASE));
    const card = await approveWith(h, killPoints[0]!.fault);
    // when: the bot comes back 16 minutes later (policy.startWithinMinutes is 15)
    await h.restart({ SHIPMATE_TEST_CLOCK_OFFSET_MS: String(16 * 60_000) });
    // then
    await h.waitInThread(card, /Not started: it was approved at .* not started in time/, 30_000);
    await h.slack.waitForMessage((m) => m.ts === card.ts && /Not started/.test(textOf(m)), 15_000);
    expect(patchCalls(h)).toHaveLength(0);
    expect(count(h.thread(card), /Not started/)).toBe(1);
  }, 60_000);

  it('a store write failing once while deciding leaves the request pending with no run, says so, and the next click deploys once', async () => {
    // given: the audit entry of the approval fails once (a trigger in the bot's own SQLite file)
    const h = (current = await new DeployHarness().start(scenario(), FAST_LEASE));
    const db = new Database(join(h.session.dir, 'shipmate.db'));
    try {
      db.exec(`CREATE TABLE test_fault (armed INTEGER NOT NULL); INSERT INTO test_fault VALUES (1);
        CREATE TRIGGER test_fail_approval BEFORE INSERT ON audit_log
        WHEN NEW.action = 'deploy.approved' AND (SELECT armed FROM test_fault) = 1
        BEGIN SELECT RAISE(ABORT, 'injected: disk I/O error'); END;`);
      await h.command('backend 1.0.0 staging');
      const card = await h.slack.waitForMessage(isCard, 15_000);
      const click = () => h.slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, h.delivery());
      // when
      await click();
      // then
      await h.slack.waitForResponse((r) => /did not go through/.test(r.text ?? ''), 15_000);
      expect(db.prepare("SELECT status FROM requests").pluck().all()).toEqual(['pending']);
      expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
      expect(patchCalls(h)).toHaveLength(0);
      // when the store works again and Bob clicks again
      db.exec('UPDATE test_fault SET armed = 0');
      await click();
      // then
      await h.waitInThread(card, /successfully rolled out/, 30_000);
      expect(patchCalls(h)).toHaveLength(1);
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'deploy.approved'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  }, 60_000);
});
