import { describe, expect, it } from 'vitest';
import { newRequest, newRequestId, REQUEST_ID_ALPHABET } from '../../../src/domain/approvals/new-request.js';

describe('newRequest', () => {
  it('makes a pending request at version 1 that expires after the TTL and needs the rule\'s approvals', () => {
    // given
    const now = new Date('2026-11-20T14:00:00.000Z');
    // when
    const request = newRequest({
      action: 'build',
      environment: 'production',
      requestedBy: 'U0ALICE',
      payload: { version: '1.1.0' },
      channelId: 'C0RELEASES',
      rule: { approvals: 2, selfApproval: false },
      now,
      ttlMinutes: 30,
      id: 'b7k2q9',
    });
    // then
    expect(request).toEqual({
      id: 'b7k2q9',
      action: 'build',
      environment: 'production',
      requestedBy: 'U0ALICE',
      requestedAt: now,
      expiresAt: new Date('2026-11-20T14:30:00.000Z'),
      status: 'pending',
      requiredApprovals: 2,
      approvals: [],
      payload: { version: '1.1.0' },
      channelId: 'C0RELEASES',
      version: 1,
    });
  });

  it('draws an id when none is given', () => {
    const request = newRequest({
      action: 'deploy', environment: 'staging', requestedBy: 'U0ALICE', payload: {}, channelId: 'C1',
      rule: { approvals: 1, selfApproval: false }, now: new Date(), ttlMinutes: 5,
    });
    expect(request.id).toMatch(/^[2-9a-km-np-z]{6}$/);
  });
});

describe('newRequestId', () => {
  it('uses six characters without 0, o, 1 or l', () => {
    // when
    const ids = Array.from({ length: 500 }, () => newRequestId());
    // then
    for (const id of ids) expect(id).toMatch(/^[2-9a-km-np-z]{6}$/);
    expect(new Set(ids).size).toBeGreaterThan(495);
    expect(REQUEST_ID_ALPHABET).toHaveLength(32);
    expect(REQUEST_ID_ALPHABET).not.toMatch(/[01ol]/);
  });

  it('maps every byte value onto the alphabet', () => {
    expect(newRequestId(() => Uint8Array.from([0, 31, 32, 255, 8, 41]))).toBe('2z2zab');
  });
});
