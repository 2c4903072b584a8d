import { describe, expect, it } from 'vitest';
import { renderRefusal } from '../../../src/adapters/slack/render/refusal.js';
import { applyDecision } from '../../../src/domain/approvals/apply-decision.js';
import type { DecisionContext } from '../../../src/domain/approvals/decide.js';
import type { PolicyRule } from '../../../src/domain/approvals/policy-for.js';
import { isMember } from '../../../src/domain/approvals/principals.js';
import type { ApprovalRequest } from '../../../src/ports/store.port.js';
import type { DirectoryPort } from '../../../src/ports/directory.port.js';
import { ALICE, BOB, CAROL, EXPIRES_AT, minutesIn, pendingRequest } from './approval-fixtures.js';
import { InMemoryRequestStore } from './in-memory-store.js';
import { fakeDirectory } from '../../support/fake-directory.js';

const directory: DirectoryPort = fakeDirectory({ groups: { 'release-managers': [CAROL, 'U0ERIN'] } });

/** What the bot does before deciding: the rule, and whether this user is one of its approvers (groups through the directory). */
const contextFor = (rule: PolicyRule, userId: string) => async (): Promise<DecisionContext> => ({
  rule,
  userMayApprove: await isMember(rule.approvers, userId, directory),
});

const anyone: PolicyRule = { approvals: 1, selfApproval: false };
const managers: PolicyRule = { approvers: ['@release-managers', BOB], approvals: 1, selfApproval: false };

async function storeWith(request: ApprovalRequest): Promise<InMemoryRequestStore> {
  const store = new InMemoryRequestStore();
  await store.createRequest(request);
  return store;
}

const approve = (store: InMemoryRequestStore, userId: string, rule: PolicyRule = anyone, at = minutesIn(2)) =>
  applyDecision(store, 'b7k2q9', { kind: 'approve', userId, at }, contextFor(rule, userId));

describe('applyDecision', () => {
  it('stores the approved request and hands it back', async () => {
    // given
    const store = await storeWith(pendingRequest());
    // when
    const result = await approve(store, BOB);
    // then
    expect(result).toMatchObject({ ok: true, outcome: 'approved', request: { status: 'approved', version: 2 } });
    expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'approved', approvals: [{ userId: BOB }], version: 2 });
  });

  it('answers "no request <id>" for an unknown id, the id as plain text', async () => {
    const store = new InMemoryRequestStore();
    const decide = (id: string) => applyDecision(store, id, { kind: 'approve', userId: BOB, at: minutesIn(1) }, contextFor(anyone, BOB));
    const unknown = await decide('zzzzzz');
    expect(unknown).toMatchObject({ ok: false });
    expect(String(unknown.ok ? '' : unknown.reason)).toBe('no request zzzzzz');
    // a forged button value naming someone is not a mention
    const forged = await decide('<@U0MALLORY>');
    expect(forged.ok ? undefined : renderRefusal(forged.reason).text).toBe(':no_entry: no request &lt;@U0MALLORY&gt;');
  });

  it('lets a member of an approver user group approve, and refuses someone outside it', async () => {
    // given
    const store = await storeWith(pendingRequest());
    // when
    const outsider = await approve(store, 'U0MALLORY', managers);
    const member = await approve(store, CAROL, managers);
    // then
    expect(outsider).toMatchObject({ ok: false, reason: 'only @release-managers or <@U0BOB> may approve builds in production', request: { status: 'pending' } });
    expect(member).toMatchObject({ ok: true, outcome: 'approved', request: { decidedBy: CAROL } });
  });

  it('changes nothing in the store when it refuses', async () => {
    // given
    const store = await storeWith(pendingRequest());
    // when
    const result = await approve(store, ALICE);
    // then
    expect(result).toMatchObject({ ok: false, reason: 'you asked for this; someone else has to approve it' });
    expect(store.updates).toBe(0);
    expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'pending', version: 1 });
  });

  it('stores the expiry caused by a late click and passes on the refusal for the clicker', async () => {
    // given
    const store = await storeWith(pendingRequest());
    // when
    const result = await approve(store, BOB, anyone, EXPIRES_AT);
    // then
    expect(result).toMatchObject({ ok: true, outcome: 'expired', refusal: 'this request expired at 14:30 UTC', request: { status: 'expired' } });
    expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'expired', version: 2 });
  });

  it('approves exactly once when 20 allowed people click at the same moment', async () => {
    // given
    const store = await storeWith(pendingRequest());
    const users = Array.from({ length: 20 }, (_, i) => `U0APPROVER${i}`);
    // when
    const results = await Promise.all(users.map((user) => approve(store, user)));
    // then
    const approved = results.filter((r) => r.ok && r.outcome === 'approved');
    const refused = results.filter((r): r is Extract<typeof r, { ok: false }> => !r.ok);
    expect(approved).toHaveLength(1);
    expect(refused).toHaveLength(19);
    const winner = (approved[0]!.ok && approved[0]!.next.decidedBy)!;
    for (const r of refused) expect(r.reason).toBe(`already approved by <@${winner}> at 14:02 UTC`);
    expect(store.conflicts).toBeGreaterThan(0);
    expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'approved', version: 2, approvals: [{ userId: winner }] });
  });

  it('counts both of two approvers who click at once on a two-approval request', async () => {
    // given
    const store = await storeWith(pendingRequest({ requiredApprovals: 2 }));
    // when
    const results = await Promise.all([approve(store, BOB), approve(store, CAROL)]);
    // then
    expect(results.map((r) => r.ok && r.outcome).sort()).toEqual(['approval-recorded', 'approved']);
    expect(store.conflicts).toBe(1);
    const stored = await store.getRequest('b7k2q9');
    expect(stored).toMatchObject({ status: 'approved', version: 3 });
    expect(stored!.approvals.map((a) => a.userId).sort()).toEqual([BOB, CAROL]);
  });

  it('records one approval when the same person double-clicks', async () => {
    // given
    const store = await storeWith(pendingRequest({ requiredApprovals: 2 }));
    // when
    const results = await Promise.all([approve(store, BOB), approve(store, BOB)]);
    // then
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'you already approved; it needs 1 more' });
    expect((await store.getRequest('b7k2q9'))!.approvals).toHaveLength(1);
  });

  it('resolves the context once however often it retries', async () => {
    // given
    const store = await storeWith(pendingRequest({ requiredApprovals: 3 }));
    let resolved = 0;
    const counting = (userId: string) => async () => {
      resolved++;
      return { rule: anyone, userMayApprove: true };
    };
    // when
    await Promise.all(['U1', 'U2', 'U3'].map((u) => applyDecision(store, 'b7k2q9', { kind: 'approve', userId: u, at: minutesIn(1) }, counting(u))));
    // then
    expect(resolved).toBe(3);
    expect(store.conflicts).toBeGreaterThan(0);
    expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'approved', version: 4 });
  });

  it('gives up after maxAttempts lost races with a line asking to click again', async () => {
    // given a store where every update loses
    const store = await storeWith(pendingRequest());
    let commits = 0;
    const losing = async () => (commits++, false);
    // when
    const result = await applyDecision(store, 'b7k2q9', { kind: 'approve', userId: BOB, at: minutesIn(1) }, contextFor(anyone, BOB), losing, 3);
    // then
    expect(result).toEqual({ ok: false, reason: 'too many people decided on this request at once; please click again' });
    expect(commits).toBe(3);
  });
});
