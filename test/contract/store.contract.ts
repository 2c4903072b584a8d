import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortError } from '../../src/ports/port-error.js';
import type { StorePort } from '../../src/ports/store.port.js';
import { auditContract } from './store-audit.contract.js';
import { decideContract } from './store-decide.contract.js';
import { digestsContract } from './store-digests.contract.js';
import { aLock, anAuditEntry, aRequest, aRun, at, type TestDatabase } from './store-fixtures.js';
import { leasesContract } from './store-leases.contract.js';
import { locksContract } from './store-locks.contract.js';
import { outboxContract } from './store-outbox.contract.js';
import { requestsContract } from './store-requests.contract.js';
import { runsContract } from './store-runs.contract.js';
import { signaturesContract } from './store-signatures.contract.js';

export type { TestDatabase } from './store-fixtures.js';

/**
 * What every StorePort adapter must do, run against each of them by
 * test/integration/store-*.test.ts. `makeStore` gives a fresh database per test.
 */
export function storeContract(name: string, makeStore: () => Promise<TestDatabase>): void {
  describe(`StorePort contract: ${name}`, () => {
    let database: TestDatabase;
    const opened: StorePort[] = [];

    /** A migrated store on this test's database. */
    const open = async (): Promise<StorePort> => {
      const store = database.open();
      opened.push(store);
      await store.migrate();
      return store;
    };

    beforeEach(async () => {
      database = await makeStore();
    });

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    describe('schema', () => {
      it('given a migrated store, when migrate runs again, then nothing breaks and the fresh store is empty', async () => {
        const store = await open();
        await store.migrate();

        expect(await store.listRequests({})).toEqual([]);
        expect(await store.listActiveRuns()).toEqual([]);
        expect(await store.recentAudit(10)).toEqual([]);
        expect(await store.getRequest('b7k2q9')).toBeUndefined();
        expect(await store.getRun('b7k2q9-backend')).toBeUndefined();
        expect(await store.getLock('backend', 'production')).toBeUndefined();
        expect(await store.countPendingOutbox()).toBe(0);
        expect(await store.dueOutbox(new Date(), 10)).toEqual([]);
      });

      it('given a fresh database, when four replicas migrate at once, then all succeed and share one schema', async () => {
        const replicas = [database.open(), database.open(), database.open(), database.open()];
        opened.push(...replicas);

        await Promise.all(replicas.map((store) => store.migrate()));
        await replicas[0]!.createRequest(aRequest());

        expect((await replicas[3]!.getRequest('b7k2q9'))?.id).toBe('b7k2q9');
      });
    });

    requestsContract(open);
    runsContract(open);
    auditContract(open);
    locksContract(open);
    digestsContract(open);
    leasesContract(open);
    decideContract(open);
    outboxContract(open);
    signaturesContract(open);

    describe('restart and close', () => {
      it('given a store with data, when it is closed and another store opens the same database, then nothing is lost', async () => {
        const before = await open();
        const request = aRequest({ approvals: [{ userId: 'U0BOB', at: at('2025-03-04T05:10:00.000Z') }], status: 'approved', version: 2 });
        const run = aRun({ status: 'running', externalId: 'backend:42', phase: 'BUILD' });
        await before.createRequest(request);
        await before.createRun(run);
        await before.appendAudit(anAuditEntry(1));
        await before.acquireLock(aLock());
        await before.close();

        const after = await open();
        await after.appendAudit(anAuditEntry(2));

        expect(await after.getRequest(request.id)).toEqual(request);
        expect(await after.listActiveRuns()).toEqual([run]);
        expect(await after.getLock('backend', 'production')).toEqual(aLock());
        const audit = await after.recentAudit(10);
        expect(audit.map((e) => e.subject)).toEqual(['req2', 'req1']);
        expect(audit[0]!.id).toBeGreaterThan(audit[1]!.id);
      });

      it('given a closed store, when it is closed again or used, then closing is harmless and use fails with a PortError', async () => {
        const store = await open();
        await store.close();

        await expect(store.close()).resolves.toBeUndefined();
        await expect(store.getRequest('b7k2q9')).rejects.toBeInstanceOf(PortError);
      });
    });
  });
}
