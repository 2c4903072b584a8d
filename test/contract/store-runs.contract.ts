import { describe, expect, it } from 'vitest';
import { at, aRequest, aRun, type OpenStore } from './store-fixtures.js';

/** Runs: create, read, conditional update under contention, the active ones a restart resumes. */
export function runsContract(open: OpenStore): void {
  describe('runs', () => {
    it('given a run with every field set, when it is read back, then every field round-trips with its type', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const run = aRun({
        status: 'failed',
        externalId: 'backend-build:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        phase: 'POST_BUILD',
        finishedAt: at('2025-03-04T05:19:59.999Z'),
        messageTs: '1741064767.000300',
        detail: { image: 'repo/backend:1.1.0', previous: null, phases: ['SUBMITTED', 'BUILD'], failure: { reason: 'exit 2' } },
        version: 7,
      });

      await store.createRun(run);
      const read = await store.getRun(run.id);

      expect(read).toEqual(run);
      expect(read!.startedAt).toBeInstanceOf(Date);
      expect(read!.finishedAt!.toISOString()).toBe('2025-03-04T05:19:59.999Z');
    });

    it('given a run without optional fields, when it is read back, then those fields are absent', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      await store.createRun(aRun());

      const read = await store.getRun('b7k2q9-backend');

      expect(read).toEqual(aRun());
      for (const key of ['externalId', 'phase', 'finishedAt', 'messageTs']) expect(read).not.toHaveProperty(key);
    });

    it('given no such request, when a run of it is created, then it is refused as invalid', async () => {
      const store = await open();

      await expect(store.createRun(aRun({ requestId: 'nosuch' }))).rejects.toMatchObject({ name: 'PortError', code: 'invalid' });
      expect(await store.getRun('b7k2q9-backend')).toBeUndefined();
    });

    it('given a stored run, when updated with the next version and then with a stale one, then only the first is stored', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      await store.createRun(aRun());
      const running = aRun({ status: 'running', externalId: 'backend:1', phase: 'BUILD', version: 2 });

      expect(await store.updateRun(running)).toBe(true);
      expect(await store.updateRun(aRun({ status: 'stopped', version: 2 }))).toBe(false);
      expect(await store.updateRun(aRun({ id: 'nosuch', version: 2 }))).toBe(false);
      expect(await store.getRun('b7k2q9-backend')).toEqual(running);
    });

    it('given 20 trackers holding the same run on two replicas, when all update at once, then exactly one update wins', async () => {
      const [first, second] = [await open(), await open()];
      await first.createRequest(aRequest());
      await first.createRun(aRun());

      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).updateRun(aRun({ phase: `PHASE_${i}`, version: 2 }))),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await first.getRun('b7k2q9-backend')).toMatchObject({ version: 2, phase: `PHASE_${results.indexOf(true)}` });
    });

    it('given runs in every state, when active runs are listed, then only starting and running come back (not-started is finished), oldest first', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      const minute = (m: number) => at(`2025-03-04T05:${String(m).padStart(2, '0')}:00.000Z`);
      await store.createRun(aRun({ id: 'r-late', status: 'running', startedAt: minute(30) }));
      await store.createRun(aRun({ id: 'r-ok', status: 'succeeded', startedAt: minute(1) }));
      await store.createRun(aRun({ id: 'r-early', status: 'starting', startedAt: minute(5) }));
      await store.createRun(aRun({ id: 'r-bad', status: 'failed', startedAt: minute(2) }));
      await store.createRun(aRun({ id: 'r-stop', status: 'stopped', startedAt: minute(3) }));
      await store.createRun(aRun({ id: 'r-mid', status: 'running', startedAt: minute(10) }));
      await store.createRun(aRun({ id: 'r-never', status: 'not-started', startedAt: minute(4) }));

      expect((await store.listActiveRuns()).map((r) => r.id)).toEqual(['r-early', 'r-mid', 'r-late']);
    });

    it('given runs of two requests, when the runs of one are asked for, then only its runs come back, in start order', async () => {
      const store = await open();
      await store.createRequest(aRequest());
      await store.createRequest(aRequest({ id: 'other1' }));
      await store.createRun(aRun({ id: 'b7k2q9-frontend', service: 'frontend', startedAt: at('2025-03-04T05:08:00.000Z') }));
      await store.createRun(aRun({ id: 'b7k2q9-backend', startedAt: at('2025-03-04T05:07:00.000Z') }));
      await store.createRun(aRun({ id: 'other1-backend', requestId: 'other1' }));

      expect((await store.runsOfRequest('b7k2q9')).map((r) => r.service)).toEqual(['backend', 'frontend']);
      expect(await store.runsOfRequest('nosuch')).toEqual([]);
    });
  });
}
