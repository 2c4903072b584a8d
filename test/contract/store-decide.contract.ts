import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/ports/store.port.js';
import { anAuditEntry, aRequest, aRun, at, type OpenStore } from './store-fixtures.js';

const approved = (overrides = {}) =>
  aRequest({ status: 'approved', approvals: [{ userId: 'U0BOB', at: at('2025-03-04T05:10:00.000Z') }], version: 2, ...overrides });
const runs = [aRun({ id: 'b7k2q9-backend' }), aRun({ id: 'b7k2q9-frontend', service: 'frontend' })];
const approvedEntry = anAuditEntry(1, { actor: 'U0BOB', action: 'build.approved', subject: 'b7k2q9' });

/** decide: the decision, its runs and its audit entries in one transaction, all or nothing. */
export function decideContract(open: OpenStore): void {
  describe('decide', () => {
    it('given a pending request, when it is decided with two runs and an audit entry, then all three are stored', async () => {
      const store = await open();
      await store.createRequest(aRequest());

      const decided = await store.decide(approved(), runs, [approvedEntry]);

      expect(decided).toBe(true);
      expect(await store.getRequest('b7k2q9')).toEqual(approved());
      expect(await store.runsOfRequest('b7k2q9')).toEqual(runs);
      expect(await store.recentAudit(10)).toMatchObject([approvedEntry]);
    });

    it('given a request changed by someone else, when a stale decision arrives, then it is refused and nothing is written', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      await store.updateRequest(aRequest({ status: 'cancelled', version: 2 }));

      const decided = await store.decide(approved(), runs, [approvedEntry]);

      expect(decided).toBe(false);
      expect(await store.getRequest('b7k2q9')).toMatchObject({ status: 'cancelled', version: 2 });
      expect(await store.runsOfRequest('b7k2q9')).toEqual([]);
      expect(await store.recentAudit(10)).toEqual([]);
    });

    it('given an audit entry the database refuses, when decided, then the request update and the runs are rolled back and it throws', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const refused: AuditEntry = { ...approvedEntry, actor: null as unknown as string };

      const decision = store.decide(approved(), runs, [anAuditEntry(2), refused]);

      await expect(decision).rejects.toMatchObject({ name: 'PortError', code: 'invalid', message: expect.stringMatching(/decide b7k2q9 failed/) });
      expect(await store.getRequest('b7k2q9')).toEqual(aRequest());
      expect(await store.runsOfRequest('b7k2q9')).toEqual([]);
      expect(await store.recentAudit(10)).toEqual([]);
      expect(await store.decide(approved(), runs, [approvedEntry])).toBe(true);
    });

    it('given a run that exists already, when a decision names it again, then the stored run is kept and only the new one is created', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const running = aRun({ id: 'b7k2q9-backend', status: 'running', externalId: 'backend:7', version: 3 });
      await store.createRun(running);

      const decided = await store.decide(approved(), runs, []);

      expect(decided).toBe(true);
      expect(await store.runsOfRequest('b7k2q9')).toEqual([running, runs[1]]);
    });

    it('given two replicas deciding the same version at once, when both commit, then exactly one decision, one set of runs and one audit entry are stored', async () => {
      const [first, second] = [await open(), await open()];
      await first.createRequest(aRequest());
      const rejected = aRequest({ status: 'rejected', decidedBy: 'U0CAROL', decidedAt: at('2025-03-04T05:10:00.000Z'), version: 2 });
      const rejectedEntry = anAuditEntry(3, { actor: 'U0CAROL', action: 'build.rejected' });

      const results = await Promise.all([
        first.decide(approved(), runs, [approvedEntry]),
        second.decide(rejected, [], [rejectedEntry]),
      ]);

      expect(results.filter(Boolean)).toHaveLength(1);
      const [winner, entry, winnerRuns] = results[0] ? [approved(), approvedEntry, runs] : [rejected, rejectedEntry, []];
      expect(await second.getRequest('b7k2q9')).toEqual(winner);
      expect(await second.runsOfRequest('b7k2q9')).toEqual(winnerRuns);
      expect(await second.recentAudit(10)).toMatchObject([entry]);
    });
  });
}
