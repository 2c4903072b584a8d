import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/adapters/store/create-store.js';
import type { PatchOperation } from '../../src/sandbox/json-patch.js';
import type { Scenario } from '../../src/sandbox/scenarios.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { DeployHarness, isCard, RELEASES, scenario } from '../support/deploy-harness.js';

/**
 * Who may do what, on the compiled program: lock, unlock, cancel and verify
 * by someone without the right, by a guest and by a Slack Connect member of
 * another team are refused with nothing changed and no AWS, Kubernetes or
 * smoke-test call; approvals from them do not count; and a deploy asked
 * before a freeze window and approved inside it is refused (or, asked with
 * --override, needs the extra approval).
 */

/** A multi-channel guest, a member of a partner's team (Slack Connect) and a bot user join the workspace. */
const STRANGERS: PatchOperation[] = [
  { op: 'add', path: '/slack/users/-', value: { id: 'U0GUEST', name: 'gus', isRestricted: true } },
  { op: 'add', path: '/slack/users/-', value: { id: 'U0EXTERNAL', name: 'eve', teamId: 'T0PARTNER' } },
  { op: 'add', path: '/slack/users/-', value: { id: 'U0ROBOT', name: 'robot', isBot: true } },
];
/** Production: only @release-managers (bob, carol) may request deploys, so only they may lock, cancel and verify there. */
const RESTRICTED_PRODUCTION: PatchOperation = {
  op: 'replace',
  path: '/policy/deploy/production',
  value: { requesters: ['@release-managers'], approvers: ['@release-managers'], approvals: 1 },
};

function withConfig(s: Scenario, configPatch: PatchOperation[]): Scenario {
  return { ...s, configPatch: [...s.configPatch, ...configPatch] };
}

/** Calls the sandbox answered outside Slack: AWS, Kubernetes and the smoke tests' HTTP endpoints. */
const backendCalls = (h: DeployHarness) => h.session.sandbox.state.calls.filter((c) => c.system !== 'slack').length;
const saidIn = (ack: unknown) => JSON.stringify(ack);
const requestIdOf = (card: PostedMessage) => /"action_id":"approve"[^}]*"value":"([a-z0-9]+)"|"value":"([a-z0-9]+)"[^}]*"action_id":"approve"/.exec(JSON.stringify(card.blocks))!.slice(1).find(Boolean)!;

async function storeState(h: DeployHarness, requestId: string) {
  const store = createStore(`sqlite:${h.session.dir}/shipmate.db`);
  try {
    const locks = await Promise.all(['backend', 'frontend', 'ml'].map((s) => store.getLock(s, 'production')));
    const request = await store.getRequest(requestId);
    return { locks: locks.map((l) => (l ? `${l.service}:${l.holder}:${l.reason}` : null)), request: request && { status: request.status, approvals: request.approvals.length, decidedBy: request.decidedBy ?? null } };
  } finally {
    await store.close();
  }
}

let current: DeployHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('lock, unlock, cancel and verify by someone who may not', () => {
  it('refuses each, changes nothing and calls no backend: a member without the right, a guest, a member of another team', async () => {
    // given: carol holds a lock on frontend in production; bob asked to deploy backend there
    const h = (current = await new DeployHarness().start(withConfig(scenario(STRANGERS), [RESTRICTED_PRODUCTION])));
    expect(saidIn((await h.command('lock frontend production maintenance', '/shipmate', 'U0CAROL')).ack)).toContain('are locked');
    await h.command('backend 1.0.0 production', '/deploy', 'U0BOB');
    const card = await h.slack.waitForMessage(isCard, 15_000);
    const requestId = requestIdOf(card);
    const before = await storeState(h, requestId);
    expect(before).toEqual({ locks: [null, 'frontend:U0CAROL:maintenance', null], request: { status: 'pending', approvals: 0, decidedBy: null } });

    const actors: [string, RegExp][] = [
      ['U0ALICE', /you may not|only the holder may unlock it/],
      ['U0GUEST', /guest accounts may not/],
      ['U0EXTERNAL', /members of another Slack team \(Slack Connect\) may not/],
    ];
    const commands: [string, string][] = [
      ['/shipmate', 'lock backend production hold everything'],
      ['/shipmate', 'unlock frontend production'],
      ['/shipmate', `cancel ${requestId}`],
      ['/verify', 'production'],
    ];
    for (const [userId, refusal] of actors) {
      for (const [command, text] of commands) {
        // when
        const calls = backendCalls(h);
        const answer = await h.command(text, command, userId);
        // then
        expect(answer.status, `${userId} ${command} ${text}`).toBe(200);
        expect(saidIn(answer.ack), `${userId} ${command} ${text}`).toMatch(refusal);
        expect(backendCalls(h), `${userId} ${command} ${text}`).toBe(calls);
      }
    }
    // and nothing changed: the locks and the request are as they were
    expect(await storeState(h, requestId)).toEqual(before);
    // while carol, who may, unlocks: the same command is not refused for everyone
    expect(saidIn((await h.command('unlock frontend production', '/shipmate', 'U0CAROL')).ack)).toContain('open again');
  }, 90_000);

  it('does not count an approval from a guest, a member of another team or a bot', async () => {
    // given: bob's deploy to staging, which anyone but him may approve
    const h = (current = await new DeployHarness().start(scenario(STRANGERS)));
    await h.command('backend 1.0.0 staging', '/deploy', 'U0BOB');
    const card = await h.slack.waitForMessage(isCard, 15_000);
    const requestId = requestIdOf(card);
    const calls = backendCalls(h);
    // when
    for (const userId of ['U0GUEST', 'U0EXTERNAL', 'U0ROBOT']) await h.slack.clickButton({ userId, channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, h.delivery());
    // then
    await h.slack.waitForResponse((r) => /guest accounts may not approve requests/.test(r.text ?? ''), 10_000);
    await h.slack.waitForResponse((r) => /members of another Slack team \(Slack Connect\) may not approve requests/.test(r.text ?? ''), 10_000);
    await h.slack.waitForResponse((r) => /bots may not approve requests/.test(r.text ?? ''), 10_000);
    expect((await storeState(h, requestId)).request).toEqual({ status: 'pending', approvals: 0, decidedBy: null });
    expect(backendCalls(h)).toBe(calls);
    // and a guest may not request a deploy either
    expect(saidIn((await h.command('backend 1.0.0 staging', '/deploy', 'U0GUEST')).ack)).toMatch(/guest accounts may not request deploys/);
    expect(backendCalls(h)).toBe(calls);
  }, 60_000);
});

describe('a freeze window that begins between request and approval', () => {
  /**
   * The bot's clock is moved ahead (SHIPMATE_TEST_CLOCK_OFFSET_MS) to half past the hour after next,
   * and staging is frozen for that whole hour only: the request is made before it, the approval inside it.
   */
  function freezeAhead(): { offsetMs: number; freeze: PatchOperation[] } {
    const now = Date.now();
    const target = Math.floor(now / 3_600_000) * 3_600_000 + 2 * 3_600_000 + 30 * 60_000;
    const hour = new Date(target).getUTCHours();
    return {
      offsetMs: target - now,
      freeze: [
        { op: 'add', path: '/environments/staging/freeze', value: [{ cron: `* ${hour} * * *`, timezone: 'UTC', reason: 'quarter close' }] },
        { op: 'replace', path: '/policy/requestTtlMinutes', value: 600 },
      ],
    };
  }

  async function askThenFreeze(text: string) {
    const { offsetMs, freeze } = freezeAhead();
    const h = (current = await new DeployHarness().start(withConfig(scenario(), freeze)));
    await h.command(text, '/deploy', 'U0ALICE');
    const card = await h.slack.waitForMessage(isCard, 15_000);
    await h.restart({ SHIPMATE_TEST_CLOCK_OFFSET_MS: String(offsetMs) });
    // Slack signs with its own clock; here it agrees with the bot's moved one.
    const delivery = () => ({ ...h.delivery(), timestamp: Math.floor((Date.now() + offsetMs) / 1000) });
    const approve = (userId: string) => h.slack.clickButton({ userId, channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery());
    return { h, card, approve };
  }

  it('refuses the approval of a request made without --override, and patches nothing', async () => {
    // given
    const { h, card, approve } = await askThenFreeze('backend 1.0.0 staging');
    // when
    await approve('U0BOB');
    // then
    await h.slack.waitForResponse((r) => /staging is frozen \(quarter close\) since this was asked; ask again with --override \(it then needs 2 approvals\)/.test(r.text ?? ''), 15_000);
    expect((await storeState(h, requestIdOf(card))).request).toMatchObject({ status: 'pending', approvals: 0 });
    expect(h.patches()).toBe(0);
  }, 90_000);

  it('asks one approval more of a request made with --override, then deploys once', async () => {
    // given
    const { h, card, approve } = await askThenFreeze('backend 1.0.0 staging --override');
    // when: the first approval
    await approve('U0BOB');
    // then: recorded, one more needed, nothing patched
    await h.slack.waitForResponse((r) => /Your approval is recorded; it needs 1 more/.test(r.text ?? ''), 15_000);
    expect((await storeState(h, requestIdOf(card))).request).toMatchObject({ status: 'pending', approvals: 1 });
    expect(h.patches()).toBe(0);
    // when: the second
    await approve('U0CAROL');
    // then
    await h.waitInThread(card, /successfully rolled out/, 40_000);
    expect(h.patches()).toBe(1);
  }, 90_000);
});
