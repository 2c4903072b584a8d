import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/approvals/decide.js';
import { allowed, BOB, EXPIRES_AT, pendingRequest } from './approval-fixtures.js';

const oneMsBefore = new Date(EXPIRES_AT.getTime() - 1);

describe('decide: expiry', () => {
  it('still counts an approval one millisecond before expiresAt', () => {
    const transition = decide(pendingRequest(), { kind: 'approve', userId: BOB, at: oneMsBefore }, allowed());
    expect(transition).toMatchObject({ ok: true, outcome: 'approved' });
  });

  it('expires the request on a click exactly at expiresAt and refuses the click itself', () => {
    // when
    const transition = decide(pendingRequest(), { kind: 'approve', userId: BOB, at: EXPIRES_AT }, allowed());
    // then
    expect(transition).toEqual({
      ok: true,
      outcome: 'expired',
      refusal: 'this request expired at 14:30 UTC',
      next: expect.objectContaining({ status: 'expired', decidedAt: EXPIRES_AT, approvals: [], version: 2 }),
    });
    expect(transition.ok && transition.next.decidedBy).toBeUndefined();
  });

  it('expires on a reject or cancel after expiresAt just the same', () => {
    for (const kind of ['reject', 'cancel'] as const) {
      const transition = decide(pendingRequest(), { kind, userId: BOB, at: new Date(EXPIRES_AT.getTime() + 60_000) }, allowed());
      expect(transition).toMatchObject({ ok: true, outcome: 'expired', refusal: 'this request expired at 14:30 UTC' });
    }
  });

  it('keeps the approvals recorded before expiry on the expired request', () => {
    const request = pendingRequest({ requiredApprovals: 2, approvals: [{ userId: BOB, at: new Date('2026-11-20T14:10:00Z') }], version: 2 });
    const transition = decide(request, { kind: 'expire', at: EXPIRES_AT }, allowed());
    expect(transition).toMatchObject({ ok: true, outcome: 'expired', next: { status: 'expired', approvals: [{ userId: BOB }], version: 3 } });
  });

  it('expires on the sweeper\'s expire event at expiresAt, with no refusal to show anyone', () => {
    const transition = decide(pendingRequest(), { kind: 'expire', at: EXPIRES_AT }, allowed());
    expect(transition).toMatchObject({ ok: true, outcome: 'expired' });
    expect(transition.ok && transition.refusal).toBeUndefined();
  });

  it('refuses an expire event that comes too early', () => {
    expect(decide(pendingRequest(), { kind: 'expire', at: oneMsBefore }, allowed())).toEqual({
      ok: false,
      reason: 'this request does not expire before 14:30 UTC',
    });
  });

  it('refuses a click on an already expired request without changing it', () => {
    // given
    const expired = pendingRequest({ status: 'expired', decidedAt: EXPIRES_AT, version: 2 });
    // when
    const transition = decide(expired, { kind: 'approve', userId: BOB, at: new Date('2026-11-20T15:00:00Z') }, allowed());
    // then
    expect(transition).toEqual({ ok: false, reason: 'this request expired at 14:30 UTC' });
  });

  it('dates the expiry when the click comes on a later day', () => {
    const transition = decide(pendingRequest(), { kind: 'approve', userId: BOB, at: new Date('2026-11-21T09:00:00Z') }, allowed());
    expect(transition).toMatchObject({ refusal: 'this request expired at 2026-11-20 14:30 UTC' });
  });
});
