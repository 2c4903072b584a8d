import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/adapters/store/create-store.js';
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from '../../src/adapters/store/migrations.js';
import type { StorePort } from '../../src/ports/store.port.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const VERSION_1 = MIGRATIONS.find((m) => m.version === 1)!;
const SLOT = new Date('2025-03-10T08:00:00.000Z');
const digest = { environment: 'staging', slot: SLOT, postedAt: new Date('2025-03-10T08:00:02.000Z'), late: false, score: 91, failing: ['backend ecr.image-exists'], channelId: 'C0RELEASES' };

/** What a database written by a version-1 shipmate must still do once upgraded. */
async function expectUpgraded(store: StorePort): Promise<void> {
  await store.migrate();

  expect((await store.recentAudit(10)).map((e) => e.subject)).toEqual(['from version 1']);
  expect((await store.auditSince(new Date('2025-03-01T00:00:00.000Z'))).map((e) => e.detail)).toEqual(['written before digests existed']);
  expect(await store.lastDigest('staging')).toBeUndefined();
  expect(await store.claimDigest(digest)).toBe(true);
  expect(await store.claimDigest(digest)).toBe(false);
  expect(await store.lastDigest('staging', { scheduledOnly: true })).toEqual(digest);
}

describe('upgrading a version-1 SQLite database to digests', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'shipmate-sqlite-v1-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('given a database with only migration 1 and some audit, when the store migrates, then migration 2 is recorded and digests work', async () => {
    const file = join(workDir, 'shipmate.db');
    const raw = new Database(file);
    raw.exec(SCHEMA_MIGRATIONS_TABLE.sqlite);
    raw.exec(VERSION_1.sqlite);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, ?, 0)').run(VERSION_1.name);
    raw
      .prepare('INSERT INTO audit_log (occurred_at, actor, action, environment, subject, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(Date.parse('2025-03-02T10:00:00.000Z'), 'U0ALICE', 'build.requested', 'staging', 'from version 1', 'written before digests existed');
    raw.close();

    const store = createStore(`sqlite:${file}`);
    await expectUpgraded(store);
    await store.close();

    const check = new Database(file, { readonly: true });
    const versions = check.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    check.close();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('upgrading a version-1 PostgreSQL database to digests', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  const sql = async (url: string, work: (client: pg.Client) => Promise<unknown>) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('given a database with only migration 1 and some audit, when two replicas migrate, then migration 2 is recorded once and digests work', async () => {
    const url = await server.createDatabase('version_1');
    await sql(url, async (client) => {
      await client.query(SCHEMA_MIGRATIONS_TABLE.postgres);
      await client.query(VERSION_1.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, $1, now())', [VERSION_1.name]);
      await client.query('INSERT INTO audit_log (occurred_at, actor, action, environment, subject, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
        '2025-03-02T10:00:00.000Z',
        'U0ALICE',
        'build.requested',
        'staging',
        'from version 1',
        'written before digests existed',
      ]);
    });

    const [store, replica] = [createStore(url), createStore(url)];
    await replica.migrate();
    await expectUpgraded(store);
    await Promise.all([store.close(), replica.close()]);

    const versions = (await sql(url, (client) => client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'))) as pg.QueryResult<{ version: number }>;
    expect(versions.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
