import { describe, expect, it } from 'vitest';
import { decide, type Transition } from '../../../src/domain/approvals/decide.js';
import { ALICE, allowed, anyoneRule, BOB, CAROL, DAVE, managersRule, minutesIn, notAllowed, pendingRequest } from './approval-fixtures.js';

const approve = (userId: string, minutes = 2) => ({ kind: 'approve' as const, userId, at: minutesIn(minutes) });

function expectOk(transition: Transition): Extract<Transition, { ok: true }> {
  if (!transition.ok) throw new Error(`refused: ${transition.reason}`);
  return transition;
}

describe('decide: approve', () => {
  it('approves a one-approval request when someone else approves', () => {
    // given
    const request = pendingRequest();
    // when
    const transition = expectOk(decide(request, approve(BOB), allowed()));
    // then
    expect(transition.outcome).toBe('approved');
    expect(transition.refusal).toBeUndefined();
    expect(transition.next).toMatchObject({
      status: 'approved',
      approvals: [{ userId: BOB, at: minutesIn(2) }],
      decidedBy: BOB,
      decidedAt: minutesIn(2),
      version: 2,
    });
  });

  it('leaves the request it was given untouched', () => {
    const request = pendingRequest();
    const before = structuredClone(request);
    decide(request, approve(BOB), allowed());
    expect(request).toEqual(before);
  });

  it('refuses the requester approving their own request', () => {
    expect(decide(pendingRequest(), approve(ALICE), allowed())).toEqual({
      ok: false,
      reason: 'you asked for this; someone else has to approve it',
    });
  });

  it('counts the requester\'s approval when the rule allows self-approval', () => {
    // given
    const rule = { ...anyoneRule, selfApproval: true };
    // when
    const transition = expectOk(decide(pendingRequest(), approve(ALICE), allowed(rule)));
    // then
    expect(transition.outcome).toBe('approved');
    expect(transition.next.approvals.map((a) => a.userId)).toEqual([ALICE]);
  });

  it('refuses self-approval allowed by the rule when the requester is not an approver', () => {
    const rule = { ...managersRule, selfApproval: true };
    expect(decide(pendingRequest(), approve(ALICE), notAllowed(rule))).toEqual({
      ok: false,
      reason: 'only @release-managers or <@U0BOB> may approve builds in production',
    });
  });

  it('refuses someone who is not an approver, naming who may', () => {
    expect(decide(pendingRequest(), approve(CAROL), notAllowed())).toEqual({
      ok: false,
      reason: 'only @release-managers or <@U0BOB> may approve builds in production',
    });
  });

  it('names the action and environment of the request in the refusal', () => {
    const request = pendingRequest({ action: 'deploy', environment: 'staging' });
    const rule = { approvers: [BOB], approvals: 1, selfApproval: false };
    expect(decide(request, approve(CAROL), notAllowed(rule))).toMatchObject({ reason: 'only <@U0BOB> may approve deploys in staging' });
  });

  it('records the first of two approvals and approves at the second, distinct one', () => {
    // given
    const request = pendingRequest({ requiredApprovals: 2 });
    // when
    const first = expectOk(decide(request, approve(BOB, 1), allowed()));
    const second = expectOk(decide(first.next, approve(CAROL, 3), allowed()));
    // then
    expect(first.outcome).toBe('approval-recorded');
    expect(first.next).toMatchObject({ status: 'pending', version: 2, approvals: [{ userId: BOB }] });
    expect(first.next.decidedAt).toBeUndefined();
    expect(second.outcome).toBe('approved');
    expect(second.next).toMatchObject({ status: 'approved', version: 3, decidedBy: CAROL, decidedAt: minutesIn(3) });
    expect(second.next.approvals.map((a) => a.userId)).toEqual([BOB, CAROL]);
  });

  it('needs three distinct approvals when the request says three', () => {
    // given
    let request = pendingRequest({ requiredApprovals: 3 });
    const outcomes: string[] = [];
    // when
    for (const user of [BOB, CAROL, DAVE]) {
      const transition = expectOk(decide(request, approve(user), allowed()));
      outcomes.push(transition.outcome);
      request = transition.next;
    }
    // then
    expect(outcomes).toEqual(['approval-recorded', 'approval-recorded', 'approved']);
    expect(request.version).toBe(4);
  });

  it('refuses the same person approving twice and says how many approvals are missing', () => {
    // given
    const afterBob = expectOk(decide(pendingRequest({ requiredApprovals: 3 }), approve(BOB), allowed())).next;
    // when
    const again = decide(afterBob, approve(BOB, 4), allowed());
    // then
    expect(again).toEqual({ ok: false, reason: 'you already approved; it needs 2 more' });
  });

  it('goes by the approvals the request was created with, not by a rule changed since', () => {
    const request = pendingRequest({ requiredApprovals: 2 });
    const transition = expectOk(decide(request, approve(BOB), allowed({ ...anyoneRule, approvals: 1 })));
    expect(transition.outcome).toBe('approval-recorded');
  });

  it('refuses an allowed approver with the gate\'s line while a gate re-checked at approval says no, changing nothing', () => {
    // given production froze after the request was made
    const context = { ...allowed(), gateRefusal: 'production is frozen until 18:00 UTC (release freeze)' };
    // when
    const transition = decide(pendingRequest(), approve(BOB), context);
    // then
    expect(transition).toEqual({ ok: false, reason: 'production is frozen until 18:00 UTC (release freeze)' });
  });

  it('needs the approvals a gate raised since the request was made', () => {
    // given a one-approval request whose freeze override now needs two
    const context = { ...allowed(), requiredApprovals: 2 };
    // when
    const transition = expectOk(decide(pendingRequest(), approve(BOB), context));
    // then
    expect(transition.outcome).toBe('approval-recorded');
    expect(transition.next).toMatchObject({ status: 'pending', requiredApprovals: 2, approvals: [{ userId: BOB }] });
  });

  it('never lowers the approvals a request needs when a gate asks for fewer', () => {
    const transition = expectOk(decide(pendingRequest({ requiredApprovals: 2 }), approve(BOB), { ...allowed(), requiredApprovals: 1 }));
    expect(transition.outcome).toBe('approval-recorded');
    expect(transition.next.requiredApprovals).toBe(2);
  });

  it('refuses plainly when the caller says no and the rule names no approvers', () => {
    expect(decide(pendingRequest(), approve(CAROL), notAllowed(anyoneRule))).toEqual({ ok: false, reason: 'you may not approve builds in production' });
  });
});
