import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../../src/bot/bot-deps.js';
import { postApprovalCard } from '../../../src/bot/post-approval-card.js';
import { BOB, pendingRequest } from '../approvals/approval-fixtures.js';
import { InMemoryRequestStore } from '../approvals/in-memory-store.js';

const card = { title: 'Build 1.1.0 of backend in production', changes: ['backend: v1.1.0'], preflight: [], policyLine: 'needs 1 approval', protected: false };
const withCard = { version: '1.1.0', services: [], card };
const quietLogger = { warn: () => undefined } as unknown as BotDeps['logger'];

describe('postApprovalCard', () => {
  it('given a posted card, when nothing else happens, then the request remembers where the card is', async () => {
    // given
    const store = new InMemoryRequestStore();
    const request = pendingRequest({ payload: withCard });
    await store.createRequest(request);
    // when
    await postApprovalCard(request, async () => ({ ts: '1700000000.000100' }), { store, logger: quietLogger } as unknown as BotDeps);
    // then
    expect((await store.getRequest(request.id))?.messageTs).toBe('1700000000.000100');
  });

  it('given a click that lands between the post and the update, when the card is remembered, then the click is kept and the ts stored', async () => {
    // given
    const store = new InMemoryRequestStore();
    const request = pendingRequest({ requiredApprovals: 2, payload: withCard });
    await store.createRequest(request);
    const clickWhilePosting = async () => {
      const now = (await store.getRequest(request.id))!;
      await store.updateRequest({ ...now, approvals: [{ userId: BOB, at: new Date('2026-11-20T14:01:00.000Z') }], version: now.version + 1 });
      return { ts: '1700000000.000200' };
    };
    // when
    await postApprovalCard(request, clickWhilePosting, { store, logger: quietLogger } as unknown as BotDeps);
    // then
    const stored = (await store.getRequest(request.id))!;
    expect(stored.messageTs).toBe('1700000000.000200');
    expect(stored.approvals.map((a) => a.userId)).toEqual([BOB]);
  });
});
