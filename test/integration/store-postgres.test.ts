import { MIGRATIONS } from '../../src/adapters/store/migrations.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createStore } from '../../src/adapters/store/create-store.js';
import { PostgresStore } from '../../src/adapters/store/postgres-store.js';
import { toStorePortError } from '../../src/adapters/store/store-error.js';
import type { ApprovalRequest } from '../../src/ports/store.port.js';
import { storeContract } from '../contract/store.contract.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { waitUntil } from '../support/wait-until.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());

let databases = 0;
storeContract('PostgreSQL', async () => {
  const url = await server.createDatabase(`contract_${++databases}`);
  return { open: () => createStore(url) };
});

const request: ApprovalRequest = {
  id: 'pg0001',
  action: 'deploy',
  environment: 'production',
  requestedBy: 'U0REQUESTER',
  requestedAt: new Date('2025-03-04T05:06:07.089Z'),
  expiresAt: new Date('2025-03-04T05:36:07.089Z'),
  status: 'pending',
  requiredApprovals: 2,
  approvals: [],
  payload: { service: 'backend', version: '1.1.0' },
  channelId: 'C0RELEASES',
  version: 1,
};

describe('PostgreSQL store specifics', () => {
  it('given 20 concurrent conditional updates, when they run, then they use several connections at once and exactly one wins', async () => {
    const url = await server.createDatabase('concurrency');
    const store = new PostgresStore(url, { maxConnections: 10 });
    await store.migrate();
    await store.createRequest(request);

    const results = await Promise.all(Array.from({ length: 20 }, () => store.updateRequest({ ...request, status: 'approved', version: 2 })));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await server.connectionsTo('concurrency')).toBeGreaterThan(1);
    await store.close();
  });

  it('given a store with open connections, when it is closed, then the server sees none left', async () => {
    const url = await server.createDatabase('closing');
    const store = createStore(url);
    await store.migrate();
    await Promise.all([store.getRequest('a'), store.getRequest('b'), store.getRequest('c')]);
    expect(await server.connectionsTo('closing')).toBeGreaterThan(0);

    await store.close();

    // pg_stat_activity drops a backend a moment after its client hangs up
    await waitUntil(async () => (await server.connectionsTo('closing')) === 0, 20_000, 'the server to see no connection left');
    expect(await server.connectionsTo('closing')).toBe(0);
  });

  it('given a migrated database, when schema_migrations is read, then each migration was recorded once despite concurrent migrates', async () => {
    const url = await server.createDatabase('migrations');
    const replicas = Array.from({ length: 5 }, () => createStore(url));
    await Promise.all(replicas.map((store) => store.migrate()));
    await Promise.all(replicas.map((store) => store.close()));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('given a database migrated by a newer shipmate, when this one migrates, then it refuses with the versions named', async () => {
    const url = await server.createDatabase('newer');
    const first = createStore(url);
    await first.migrate();
    await first.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', now())");
    await client.end();

    const store = createStore(url);
    await expect(store.migrate()).rejects.toMatchObject({ name: 'PortError', code: 'invalid', message: expect.stringMatching(new RegExp(`version 99, newer than .*\\(${MIGRATIONS.at(-1)!.version}\\)`)) });
    await store.close();
  });

  it('given a server that is not there, when the store is used, then it fails as unreachable, naming the store and the operation', async () => {
    const store = createStore('postgres://shipmate:Sup3rSecretPw@127.0.0.1:1/shipmate');

    const failure = store.migrate();

    await expect(failure).rejects.toMatchObject({ name: 'PortError', code: 'unreachable', message: expect.stringMatching(/^PostgreSQL store: migrate failed: .*ECONNREFUSED/) });
    await store.close();
  });

  it('given a signature past its expiry, when later signatures are remembered, then its row is deleted, not kept forever', async () => {
    const url = await server.createDatabase('signatures');
    const store = createStore(url);
    await store.migrate();
    const minute = (m: number) => new Date(Date.UTC(2025, 2, 4, 9, m));
    await store.rememberSignature('v0=old', minute(0), minute(5));

    await store.rememberSignature('v0=new', minute(10), minute(15));
    await store.close();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ signature: string }>('SELECT signature FROM seen_signatures ORDER BY signature');
    await client.end();
    expect(rows.map((r) => r.signature)).toEqual(['v0=new']);
  });

  it('given a driver error that quotes the password, when it becomes a PortError, then the password is redacted', () => {
    const error = Object.assign(new Error('password authentication failed for "Sup3rSecretPw"'), { code: '28P01' });

    const portError = toStorePortError(error, 'PostgreSQL store', 'migrate', ['Sup3rSecretPw']);

    expect(portError).toMatchObject({ code: 'unauthorized', message: 'PostgreSQL store: migrate failed: password authentication failed for "[redacted]"' });
  });
});
