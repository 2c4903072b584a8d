import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/approvals/decide.js';
import { ALICE, allowed, anyoneRule, BOB, CAROL, managersRule, minutesIn, notAllowed, pendingRequest } from './approval-fixtures.js';

describe('decide: reject', () => {
  it('rejects with the approver\'s reason', () => {
    // when
    const transition = decide(pendingRequest(), { kind: 'reject', userId: BOB, at: minutesIn(5), reason: '  not during the sale  ' }, allowed(managersRule));
    // then
    expect(transition).toMatchObject({
      ok: true,
      outcome: 'rejected',
      next: { status: 'rejected', decidedBy: BOB, decidedAt: minutesIn(5), reason: 'not during the sale', version: 2 },
    });
  });

  it('rejects without a reason, storing none', () => {
    const transition = decide(pendingRequest(), { kind: 'reject', userId: BOB, at: minutesIn(5), reason: '   ' }, allowed());
    expect(transition.ok && transition.next.reason).toBeUndefined();
    expect(transition).toMatchObject({ ok: true, outcome: 'rejected' });
  });

  it('rejects a request that already has some of its approvals', () => {
    // given
    const request = pendingRequest({ requiredApprovals: 2, approvals: [{ userId: BOB, at: minutesIn(1) }], version: 2 });
    // when
    const transition = decide(request, { kind: 'reject', userId: CAROL, at: minutesIn(2) }, allowed());
    // then
    expect(transition).toMatchObject({ ok: true, outcome: 'rejected', next: { status: 'rejected', version: 3 } });
  });

  it('treats the requester rejecting their own request as withdrawing it', () => {
    const transition = decide(pendingRequest(), { kind: 'reject', userId: ALICE, at: minutesIn(1), reason: 'wrong version' }, notAllowed());
    expect(transition).toMatchObject({
      ok: true,
      outcome: 'cancelled',
      next: { status: 'cancelled', decidedBy: ALICE, reason: 'wrong version' },
    });
  });

  it('refuses a rejection by someone who may not approve', () => {
    expect(decide(pendingRequest(), { kind: 'reject', userId: CAROL, at: minutesIn(1) }, notAllowed())).toEqual({
      ok: false,
      reason: 'only @release-managers or <@U0BOB> may reject builds in production',
    });
  });
});

describe('decide: cancel', () => {
  it('cancels for the requester', () => {
    const transition = decide(pendingRequest(), { kind: 'cancel', userId: ALICE, at: minutesIn(3) }, notAllowed());
    expect(transition).toMatchObject({
      ok: true,
      outcome: 'cancelled',
      next: { status: 'cancelled', decidedBy: ALICE, decidedAt: minutesIn(3), version: 2 },
    });
  });

  it('cancels for an approver', () => {
    const transition = decide(pendingRequest(), { kind: 'cancel', userId: BOB, at: minutesIn(3), reason: 'superseded by 1.1.1' }, allowed(managersRule));
    expect(transition).toMatchObject({ ok: true, outcome: 'cancelled', next: { decidedBy: BOB, reason: 'superseded by 1.1.1' } });
  });

  it('refuses anyone else, naming who may cancel', () => {
    expect(decide(pendingRequest(), { kind: 'cancel', userId: CAROL, at: minutesIn(3) }, notAllowed())).toEqual({
      ok: false,
      reason: 'only <@U0ALICE>, who asked for it, or @release-managers or <@U0BOB> may cancel this request',
    });
  });

  it('names only the requester when the rule has no approver list', () => {
    expect(decide(pendingRequest(), { kind: 'cancel', userId: CAROL, at: minutesIn(3) }, { rule: anyoneRule, userMayApprove: false })).toEqual({
      ok: false,
      reason: 'only <@U0ALICE>, who asked for it, may cancel this request',
    });
  });
});
