import { describe, expect, it } from 'vitest';
import { decide, type DecisionEvent } from '../../../src/domain/approvals/decide.js';
import { ALICE, allowed, BOB, CAROL, DAVE, minutesIn, pendingRequest } from './approval-fixtures.js';

const everyEvent: DecisionEvent[] = [
  { kind: 'approve', userId: DAVE, at: minutesIn(10) },
  { kind: 'reject', userId: DAVE, at: minutesIn(10) },
  { kind: 'cancel', userId: ALICE, at: minutesIn(10) },
  { kind: 'expire', at: minutesIn(40) },
];

describe('decide: a decided request changes no more', () => {
  it('refuses everything on an approved request, naming who approved and when', () => {
    // given
    const approved = pendingRequest({ status: 'approved', approvals: [{ userId: BOB, at: minutesIn(2) }], decidedBy: BOB, decidedAt: minutesIn(2), version: 2 });
    // then
    for (const event of everyEvent) {
      expect(decide(approved, event, allowed())).toEqual({ ok: false, reason: 'already approved by <@U0BOB> at 14:02 UTC' });
    }
  });

  it('names every approver of a request that needed several', () => {
    const approved = pendingRequest({
      status: 'approved',
      requiredApprovals: 2,
      approvals: [{ userId: BOB, at: minutesIn(2) }, { userId: CAROL, at: minutesIn(4) }],
      decidedBy: CAROL,
      decidedAt: minutesIn(4),
      version: 3,
    });
    expect(decide(approved, everyEvent[0]!, allowed())).toEqual({ ok: false, reason: 'already approved by <@U0BOB> and <@U0CAROL> at 14:04 UTC' });
  });

  it('refuses everything on a rejected request, naming who rejected and when', () => {
    const rejected = pendingRequest({ status: 'rejected', decidedBy: BOB, decidedAt: minutesIn(7), reason: 'no', version: 2 });
    for (const event of everyEvent) {
      expect(decide(rejected, event, allowed())).toEqual({ ok: false, reason: 'already rejected by <@U0BOB> at 14:07 UTC' });
    }
  });

  it('refuses everything on a cancelled request, naming who cancelled and when', () => {
    const cancelled = pendingRequest({ status: 'cancelled', decidedBy: ALICE, decidedAt: minutesIn(1), version: 2 });
    for (const event of everyEvent) {
      expect(decide(cancelled, event, allowed())).toEqual({ ok: false, reason: 'already cancelled by <@U0ALICE> at 14:01 UTC' });
    }
  });

  it('names who decided an approved request that recorded no approvals', () => {
    const approved = pendingRequest({ status: 'approved', approvals: [], decidedBy: BOB, decidedAt: minutesIn(2), version: 2 });
    expect(decide(approved, everyEvent[0]!, allowed())).toEqual({ ok: false, reason: 'already approved by <@U0BOB> at 14:02 UTC' });
  });

  it('says "unknown" rather than an empty mention when a decided request names nobody', () => {
    const rejected = pendingRequest({ status: 'rejected', decidedAt: minutesIn(7), version: 2 });
    expect(decide(rejected, everyEvent[0]!, allowed())).toEqual({ ok: false, reason: 'already rejected by <@unknown> at 14:07 UTC' });
  });
});
