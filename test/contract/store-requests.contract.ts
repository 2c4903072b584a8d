import { describe, expect, it } from 'vitest';
import { PortError } from '../../src/ports/port-error.js';
import { at, aRequest, type OpenStore } from './store-fixtures.js';

/** Approval requests: create, read, conditional update under contention, list by status. */
export function requestsContract(open: OpenStore): void {
  describe('requests', () => {
    it('given a request with every field set, when it is read back, then every field round-trips with its type', async () => {
      const store = await open();
      const request = aRequest({
        status: 'rejected',
        requiredApprovals: 2,
        approvals: [
          { userId: 'U0BOB', at: at('2025-03-04T05:10:00.123Z') },
          { userId: 'U0CAROL', at: at('2025-03-04T05:11:00.456Z') },
        ],
        decidedBy: 'U0DAVE',
        decidedAt: at('2025-03-04T05:12:00.789Z'),
        reason: 'not during the freeze — sorry',
        payload: { version: '1.1.0', services: ['backend'], override: true, retries: 3, note: null, nested: { ü: 'ünïcødé ✓' } },
        messageTs: '1741064767.000200',
        version: 4,
      });

      await store.createRequest(request);
      const read = await store.getRequest(request.id);

      expect(read).toEqual(request);
      expect(read!.requestedAt).toBeInstanceOf(Date);
      expect(read!.decidedAt!.getTime()).toBe(request.decidedAt!.getTime());
      expect(read!.approvals[1]!.at).toBeInstanceOf(Date);
      expect(read!.approvals[1]!.at.toISOString()).toBe('2025-03-04T05:11:00.456Z');
    });

    it('given a request without optional fields, when it is read back, then those fields are absent rather than null', async () => {
      const store = await open();
      await store.createRequest(aRequest());

      const read = await store.getRequest('b7k2q9');

      expect(read).toEqual(aRequest());
      for (const key of ['decidedBy', 'decidedAt', 'reason', 'messageTs']) expect(read).not.toHaveProperty(key);
    });

    it('given a stored request, when one with the same id is created, then it is refused as invalid and the first is kept', async () => {
      const store = await open();
      await store.createRequest(aRequest());

      const duplicate = store.createRequest(aRequest({ requestedBy: 'U0MALLORY' }));

      await expect(duplicate).rejects.toBeInstanceOf(PortError);
      await expect(duplicate).rejects.toMatchObject({ code: 'invalid' });
      expect((await store.getRequest('b7k2q9'))?.requestedBy).toBe('U0REQUESTER');
    });

    it('given a stored request, when it is updated with the next version, then the update is stored', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const next = aRequest({ approvals: [{ userId: 'U0BOB', at: at('2025-03-04T05:10:00.001Z') }], status: 'approved', messageTs: '1.2', version: 2 });

      expect(await store.updateRequest(next)).toBe(true);
      expect(await store.getRequest('b7k2q9')).toEqual(next);
    });

    it('given a request already updated by someone else, when a stale update arrives, then it returns false and changes nothing', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const read = (await store.getRequest('b7k2q9'))!;
      await store.updateRequest({ ...read, status: 'approved', version: read.version + 1 });

      const stale = await store.updateRequest({ ...read, status: 'cancelled', reason: 'too late', version: read.version + 1 });
      const skipping = await store.updateRequest({ ...read, status: 'cancelled', version: read.version + 5 });

      expect([stale, skipping]).toEqual([false, false]);
      const stored = await store.getRequest('b7k2q9');
      expect(stored).toMatchObject({ status: 'approved', version: 2 });
      expect(stored).not.toHaveProperty('reason');
    });

    it('given no such request, when it is updated, then it returns false and creates nothing', async () => {
      const store = await open();

      expect(await store.updateRequest(aRequest({ version: 2 }))).toBe(false);
      expect(await store.getRequest('b7k2q9')).toBeUndefined();
    });

    it('given 20 approvers who read the same request on two replicas, when all update at once, then exactly one update wins', async () => {
      const [first, second] = [await open(), await open()];
      await first.createRequest(aRequest());
      const read = (await first.getRequest('b7k2q9'))!;

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? first : second).updateRequest({
            ...read,
            status: 'approved',
            approvals: [{ userId: `U0APPROVER${i}`, at: at('2025-03-04T05:10:00.000Z') }],
            version: read.version + 1,
          }),
        ),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await second.getRequest('b7k2q9')).toMatchObject({ version: 2, approvals: [{ userId: `U0APPROVER${winner}` }] });
    });

    it('given requests in several states, when listed by status, then only that status comes back, oldest first', async () => {
      const store = await open();
      await store.createRequest(aRequest({ id: 'late01', requestedAt: at('2025-03-04T09:00:00.000Z') }));
      await store.createRequest(aRequest({ id: 'early1', requestedAt: at('2025-03-04T08:00:00.000Z') }));
      await store.createRequest(aRequest({ id: 'done01', status: 'approved' }));
      await store.createRequest(aRequest({ id: 'gone01', status: 'expired' }));

      const pending = await store.listRequests({ status: 'pending' });
      const all = await store.listRequests({});

      expect(pending.map((r) => r.id)).toEqual(['early1', 'late01']);
      expect((await store.listRequests({ status: 'expired' })).map((r) => r.id)).toEqual(['gone01']);
      expect(await store.listRequests({ status: 'cancelled' })).toEqual([]);
      expect(all.map((r) => r.id).sort()).toEqual(['done01', 'early1', 'gone01', 'late01']);
    });
  });
}
