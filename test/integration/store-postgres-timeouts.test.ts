import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createStore } from '../../src/adapters/store/create-store.js';
import { poolConfig } from '../../src/adapters/store/postgres-options.js';
import { PostgresStore } from '../../src/adapters/store/postgres-store.js';
import type { StorePort } from '../../src/ports/store.port.js';
import { aRequest } from '../contract/store-fixtures.js';
import { startFreezableProxy, type FreezableProxy } from '../support/freezable-tcp-proxy.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

/**
 * SPEC §13: no store call waits forever. A connection that stops answering
 * (the proxy freezes: no error, no close, just silence) makes a call fail
 * within the query timeout; the connection is thrown away, and once the
 * network is back the store works on a fresh one.
 */
let server: TestPostgres;
let proxy: FreezableProxy;
const stores: StorePort[] = [];
let databases = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterEach(async () => {
  proxy?.thaw();
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await proxy?.close();
});
afterAll(() => server?.stop());

const request = aRequest({ id: 'hang01' });
const approved = aRequest({ id: 'hang01', status: 'approved', approvals: [{ userId: 'U0BOB', at: new Date('2025-03-04T05:10:00.000Z') }], version: 2 });

/** A migrated database holding `request`, reached through a freezable proxy; `viaProxy` builds its URL with optional query parameters. */
async function databaseBehindProxy(): Promise<{ direct: string; viaProxy: (query?: string) => string }> {
  const direct = await server.createDatabase(`timeouts_${++databases}`);
  const seed = createStore(direct);
  await seed.migrate();
  await seed.createRequest(request);
  await seed.close();
  const target = new URL(direct);
  proxy = await startFreezableProxy(target.hostname, Number(target.port));
  return {
    direct,
    viaProxy: (query = '') => {
      const url = new URL(direct);
      url.port = String(proxy.port);
      return `${url.href}${query}`;
    },
  };
}

const open = <T extends StorePort>(store: T): T => {
  stores.push(store);
  return store;
};

describe('PostgreSQL store when the database stops answering', () => {
  it('given a pooled connection that goes silent, when the store is used, then the call fails as unreachable within the query timeout, and after the network is back a fresh connection serves it', async () => {
    // given
    const { viaProxy } = await databaseBehindProxy();
    const store = open(new PostgresStore(viaProxy(), { maxConnections: 1, queryTimeoutMillis: 1_000, connectionTimeoutMillis: 1_000 }));
    expect(await store.getRequest('hang01')).toEqual(request);

    // when
    proxy.freeze();
    const hung = store.getRequest('hang01');

    // then
    await expect(hung).rejects.toMatchObject({
      name: 'PortError',
      code: 'unreachable',
      message: 'PostgreSQL store: getRequest failed: no answer from the server within 1000 ms (query timeout); the connection was dropped',
    });
    // and a new connection cannot be made while the network is silent either
    await expect(store.ping()).rejects.toMatchObject({ name: 'PortError', code: 'unreachable', message: expect.stringMatching(/^PostgreSQL store: ping failed: .*timeout/i) });
    const connectionsBeforeThaw = proxy.accepted;

    // when the network comes back
    proxy.thaw();

    // then the store answers, over a new connection (the silent one was discarded, not reused)
    expect(await store.getRequest('hang01')).toEqual(request);
    expect(proxy.accepted).toBeGreaterThan(connectionsBeforeThaw);
  });

  it('given a silent connection, when a decision is stored in a transaction, then it fails, nothing is half-written, and the same decision succeeds once the network is back', async () => {
    // given
    const { viaProxy } = await databaseBehindProxy();
    const store = open(new PostgresStore(viaProxy(), { maxConnections: 1, queryTimeoutMillis: 1_000, connectionTimeoutMillis: 1_000 }));
    await store.ping();
    proxy.freeze();

    // when
    const decision = store.decide(approved, [], [{ at: new Date(), actor: 'U0BOB', action: 'deploy.approved', subject: 'hang01', detail: 'approved' }]);

    // then
    await expect(decision).rejects.toMatchObject({ name: 'PortError', code: 'unreachable', message: expect.stringMatching(/^PostgreSQL store: decide hang01 failed: no answer/) });
    const connectionsBeforeThaw = proxy.accepted;
    proxy.thaw();
    expect(await store.getRequest('hang01')).toEqual(request);
    // the transaction's client was discarded with its half-open transaction, not handed to the next caller
    expect(proxy.accepted).toBeGreaterThan(connectionsBeforeThaw);
    expect(await store.recentAudit(10)).toEqual([]);
    expect(await store.decide(approved, [], [])).toBe(true);
    expect(await store.getRequest('hang01')).toEqual(approved);
  });

  it('given query_timeout in the store URL, when the connection goes silent, then the call fails within that bound', async () => {
    // given
    const { viaProxy } = await databaseBehindProxy();
    const store = open(createStore(viaProxy('?query_timeout=700&connect_timeout=1')));
    await store.ping();

    // when
    proxy.freeze();

    // then
    await expect(store.ping()).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/within 700 ms \(query timeout\)/) });
  });

  it('given a statement blocked by another session\'s row lock, when it passes the statement timeout, then the server cancels it, and the store keeps working', async () => {
    // given another session holds the request's row lock
    const { direct } = await databaseBehindProxy();
    const store = open(new PostgresStore(direct, { statementTimeoutMillis: 300, queryTimeoutMillis: 10_000 }));
    const other = new pg.Client({ connectionString: direct });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT id FROM requests WHERE id = $1 FOR UPDATE', ['hang01']);

    try {
      // when
      const blocked = store.updateRequest(approved);

      // then
      await expect(blocked).rejects.toMatchObject({ name: 'PortError', code: 'throttled', message: expect.stringMatching(/^PostgreSQL store: updateRequest hang01 failed: canceling statement due to statement timeout/) });
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await store.updateRequest(approved)).toBe(true);
  });
});

describe('PostgreSQL timeout defaults', () => {
  it('given no options, when a pool built from them connects, then the server applies the statement and idle-in-transaction timeouts and the client sets its own', async () => {
    // given
    const config = poolConfig(await server.createDatabase(`defaults_${++databases}`), {});
    const pool = new pg.Pool(config);

    // when
    const shown = async (setting: string) => (await pool.query<Record<string, string>>(`SHOW ${setting}`)).rows[0]![setting];
    const [statement, idleInTransaction] = [await shown('statement_timeout'), await shown('idle_in_transaction_session_timeout')];
    await pool.end();

    // then
    expect({ statement, idleInTransaction }).toEqual({ statement: '8s', idleInTransaction: '15s' });
    expect(config).toMatchObject({ connectionTimeoutMillis: 5_000, query_timeout: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 5_000 });
  });
});
