import { MIGRATIONS } from '../../src/adapters/store/migrations.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/adapters/store/create-store.js';
import { parseStoreUrl } from '../../src/adapters/store/store-url.js';
import { ConfigError } from '../../src/config/config-error.js';
import { storeContract } from '../contract/store.contract.js';

const workDir = mkdtempSync(join(tmpdir(), 'shipmate-sqlite-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let databases = 0;
storeContract('SQLite', async () => {
  const file = join(workDir, `contract-${++databases}`, 'shipmate.db');
  return { open: () => createStore(`sqlite:${file}`) };
});

describe('SQLite store specifics', () => {
  it('given sqlite::memory:, when migrated, then it works without touching the disk', async () => {
    const store = createStore('sqlite::memory:');
    await store.migrate();

    await store.appendAudit({ at: new Date(0), actor: 'shipmate', action: 'test', detail: 'in memory' });

    expect(await store.recentAudit(1)).toHaveLength(1);
    await store.close();
  });

  it('given a file in directories that do not exist, when the store opens, then they are created and the file uses WAL', async () => {
    const file = join(workDir, 'nested', 'deeper', 'shipmate.db');
    const store = createStore(`sqlite:${file}`);
    await store.migrate();
    await store.close();

    const raw = new Database(file, { readonly: true });
    const journalMode = raw.pragma('journal_mode', { simple: true });
    const versions = raw.prepare('SELECT version FROM schema_migrations').pluck().all();
    raw.close();
    expect(journalMode).toBe('wal');
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('given a store in use, when it is closed, then its connection is released and the WAL is folded back into the file', async () => {
    const file = join(workDir, 'closing', 'shipmate.db');
    const store = createStore(`sqlite:${file}`);
    await store.migrate();
    await store.appendAudit({ at: new Date(0), actor: 'shipmate', action: 'test', detail: 'written' });
    expect(existsSync(`${file}-wal`)).toBe(true);

    await store.close();

    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('given a database migrated by a newer shipmate, when this one migrates, then it refuses with the versions named', async () => {
    const file = join(workDir, 'newer', 'shipmate.db');
    const first = createStore(`sqlite:${file}`);
    await first.migrate();
    await first.close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    raw.close();

    const store = createStore(`sqlite:${file}`);
    await expect(store.migrate()).rejects.toMatchObject({ name: 'PortError', code: 'invalid', message: expect.stringMatching(new RegExp(`version 99, newer than .*\\(${MIGRATIONS.at(-1)!.version}\\)`)) });
    await store.close();
  });

  it('given a signature past its expiry, when later signatures are remembered, then its row is deleted, not kept forever', async () => {
    const file = join(workDir, 'signatures', 'shipmate.db');
    const store = createStore(`sqlite:${file}`);
    await store.migrate();
    const minute = (m: number) => new Date(Date.UTC(2025, 2, 4, 9, m));
    await store.rememberSignature('v0=old', minute(0), minute(5));

    await store.rememberSignature('v0=new', minute(10), minute(15));
    await store.close();

    const raw = new Database(file, { readonly: true });
    const kept = raw.prepare('SELECT signature FROM seen_signatures ORDER BY signature').pluck().all();
    raw.close();
    expect(kept).toEqual(['v0=new']);
  });
});

describe('store.url', () => {
  it('given the SQLite forms, when parsed, then they name the file (relative, absolute or in memory)', () => {
    expect(parseStoreUrl('sqlite:./data/shipmate.db')).toEqual({ kind: 'sqlite', path: './data/shipmate.db' });
    expect(parseStoreUrl('sqlite:///var/lib/shipmate/shipmate.db')).toEqual({ kind: 'sqlite', path: '/var/lib/shipmate/shipmate.db' });
    expect(parseStoreUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('given the PostgreSQL forms, when parsed, then the URL is kept and its decoded password noted for redaction', () => {
    expect(parseStoreUrl('postgres://ship:p%40ss@db:5432/shipmate')).toEqual({ kind: 'postgres', url: 'postgres://ship:p%40ss@db:5432/shipmate', password: 'p@ss' });
    expect(parseStoreUrl('postgresql://db/shipmate')).toEqual({ kind: 'postgres', url: 'postgresql://db/shipmate' });
  });

  it('given timeouts in a PostgreSQL URL, when parsed, then they become store options in milliseconds and pg gets the rest of the URL', () => {
    const parsed = parseStoreUrl('postgres://ship:p%40ss@db:5432/shipmate?connect_timeout=3&sslmode=disable&query_timeout=20000&statement_timeout=15000&idle_in_transaction_session_timeout=30000&keepalives_idle=7');

    expect(parsed).toEqual({
      kind: 'postgres',
      url: 'postgres://ship:p%40ss@db:5432/shipmate?sslmode=disable',
      password: 'p@ss',
      timeouts: { connectionTimeoutMillis: 3_000, queryTimeoutMillis: 20_000, statementTimeoutMillis: 15_000, idleInTransactionTimeoutMillis: 30_000, keepAliveInitialDelayMillis: 7_000 },
    });
  });

  it('given a timeout in a PostgreSQL URL that is not a positive whole number, when a store is created, then a ConfigError names the parameter and not the password', () => {
    const attempt = () => createStore('postgres://ship:hunter2secret@db/shipmate?query_timeout=10s&connect_timeout=0');

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/store\.url: query_timeout must be a positive whole number \(milliseconds\)/);
    expect(attempt).not.toThrow(/hunter2secret/);
    expect(attempt).toThrow(/store\.url: connect_timeout must be a positive whole number \(seconds\)/);
  });

  it('given an unknown scheme carrying a password, when a store is created, then a ConfigError names store.url and not the password', () => {
    const attempt = () => createStore('mysql://ship:hunter2secret@db/shipmate');

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^store\.url: unknown scheme "mysql:"; use sqlite:/);
    expect(attempt).not.toThrow(/hunter2secret/);
  });

  it('given no scheme or no file, when a store is created, then a ConfigError names store.url', () => {
    expect(() => createStore('./data/shipmate.db')).toThrow(/^store\.url: unknown scheme none/);
    expect(() => createStore('sqlite:')).toThrow(/^store\.url: the SQLite URL names no file/);
  });
});
