import pg from 'pg';
import type { ApprovalRequest, AuditEntry, DigestRecord, LeaseClaim, Lock, NewOutboxEntry, OutboxEntry, OutboxResult, RequestStatus, Run, StoredAuditEntry, StorePort } from '../../ports/store.port.js';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from './migrations.js';
import { ForgetCadence, numbered, OUTBOX_SQL, settlement } from './outbox-sql.js';
import { poolConfig, POSTGRES_TIMEOUT_DEFAULTS, type PostgresStoreOptions } from './postgres-options.js';
import {
  AUDIT_COLUMNS,
  auditFromRow,
  auditValues,
  DIGEST_COLUMNS,
  digestFromRow,
  digestValues,
  LOCK_COLUMNS,
  lockFromRow,
  lockValues,
  outboxFromRow,
  outboxValues,
  REQUEST_COLUMNS,
  requestFromRow,
  requestValues,
  RUN_COLUMNS,
  runFromRow,
  runValues,
  type DateWriter,
} from './row-mapping.js';
import { toStorePortError } from './store-error.js';

const SYSTEM = 'PostgreSQL store';
/** pg_advisory_xact_lock key that serialises migrate() across replicas ("ship" in ASCII). */
const MIGRATION_LOCK_KEY = 0x73686970;
const isoTime: DateWriter = (date) => date.toISOString();

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');
/** "a = $2, b = $3, …" for every column but the first (the key, $1). */
const assignments = (columns: readonly string[]) =>
  columns
    .slice(1)
    .map((c, i) => `${c} = $${i + 2}`)
    .join(', ');

const SQL = {
  insertRequest: `INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${placeholders(REQUEST_COLUMNS.length)})`,
  updateRequest: `UPDATE requests SET ${assignments(REQUEST_COLUMNS)} WHERE id = $1 AND version = $${REQUEST_COLUMNS.length + 1}`,
  getRequest: 'SELECT * FROM requests WHERE id = $1',
  allRequests: 'SELECT * FROM requests ORDER BY requested_at, id',
  requestsByStatus: 'SELECT * FROM requests WHERE status = $1 ORDER BY requested_at, id',
  insertRun: `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${placeholders(RUN_COLUMNS.length)})`,
  insertRunIfNew: `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${placeholders(RUN_COLUMNS.length)}) ON CONFLICT (id) DO NOTHING`,
  updateRun: `UPDATE runs SET ${assignments(RUN_COLUMNS)} WHERE id = $1 AND version = $${RUN_COLUMNS.length + 1}`,
  getRun: 'SELECT * FROM runs WHERE id = $1',
  activeRuns: "SELECT * FROM runs WHERE status IN ('starting', 'running') ORDER BY started_at, id",
  runsOfRequest: 'SELECT * FROM runs WHERE request_id = $1 ORDER BY started_at, id',
  insertAudit: `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${placeholders(AUDIT_COLUMNS.length)})`,
  recentAudit: 'SELECT * FROM audit_log ORDER BY occurred_at DESC, id DESC LIMIT $1',
  auditSince: 'SELECT * FROM audit_log WHERE occurred_at >= $1 ORDER BY occurred_at, id',
  insertDigest: `INSERT INTO digests (${DIGEST_COLUMNS.join(', ')}) VALUES (${placeholders(DIGEST_COLUMNS.length)})`,
  // One atomic insert: the UNIQUE (environment, slot) index decides which caller claims the slot.
  claimDigest: `INSERT INTO digests (${DIGEST_COLUMNS.join(', ')}) VALUES (${placeholders(DIGEST_COLUMNS.length)})
    ON CONFLICT (environment, slot) DO NOTHING`,
  lastDigest: 'SELECT * FROM digests WHERE environment = $1 ORDER BY posted_at DESC, id DESC LIMIT 1',
  lastScheduledDigest: 'SELECT * FROM digests WHERE environment = $1 AND slot IS NOT NULL ORDER BY posted_at DESC, id DESC LIMIT 1',
  // Takes a free lock, or one whose `until` has passed by the new lock's time; leaves a held one alone.
  takeLock: `INSERT INTO locks (${LOCK_COLUMNS.join(', ')}) VALUES (${placeholders(LOCK_COLUMNS.length)})
    ON CONFLICT (service, environment) DO UPDATE SET
      holder = EXCLUDED.holder, reason = EXCLUDED.reason, locked_at = EXCLUDED.locked_at, held_until = EXCLUDED.held_until
    WHERE locks.held_until IS NOT NULL AND locks.held_until <= EXCLUDED.locked_at`,
  getLock: 'SELECT * FROM locks WHERE service = $1 AND environment = $2',
  releaseLock: 'DELETE FROM locks WHERE service = $1 AND environment = $2',
  // Free, expired, or ours already: take or renew it. acquired_at stays while the same holder renews.
  tryLease: `INSERT INTO leases (name, holder, acquired_at, renewed_at, expires_at) VALUES ($1, $2, $3, $3, $4)
    ON CONFLICT (name) DO UPDATE SET
      acquired_at = CASE WHEN leases.holder = EXCLUDED.holder THEN leases.acquired_at ELSE EXCLUDED.acquired_at END,
      holder = EXCLUDED.holder, renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at
    WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= EXCLUDED.renewed_at`,
  releaseLease: 'DELETE FROM leases WHERE name = $1 AND holder = $2',
} as const;

const OUTBOX = Object.fromEntries(Object.entries(OUTBOX_SQL).map(([name, sql]) => [name, numbered(sql)])) as typeof OUTBOX_SQL;

export type { PostgresStoreOptions } from './postgres-options.js';

/**
 * The store in PostgreSQL (a pg Pool), for several replicas. Every
 * read-then-write is a single conditional statement (UPDATE … WHERE version,
 * INSERT … ON CONFLICT … WHERE), so under READ COMMITTED concurrent callers
 * on different connections are decided by the row lock: exactly one wins.
 * What spans statements (decide, enqueueOutbox, migrate) runs in a
 * transaction on one client; a client that failed is discarded, never reused.
 * No call waits forever: see postgres-options.ts for the timeouts.
 */
export class PostgresStore implements StorePort {
  private readonly pool: pg.Pool;
  private readonly secrets: string[];
  private readonly queryTimeoutMillis: number;
  private readonly forgetSignatures = new ForgetCadence();
  private closed = false;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.secrets = options.password ? [options.password] : [];
    this.queryTimeoutMillis = options.queryTimeoutMillis ?? POSTGRES_TIMEOUT_DEFAULTS.queryTimeoutMillis;
    this.pool = new pg.Pool(poolConfig(url, options));
    // An idle connection that dies (server restart, network) is dropped by the pool and
    // replaced on the next query; without a listener its error would crash the process.
    this.pool.on('error', () => undefined);
  }

  async migrate(): Promise<void> {
    await this.transaction('migrate', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(SCHEMA_MIGRATIONS_TABLE.postgres);
      const rows = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows;
      for (const migration of pendingMigrations(new Set(rows.map((r) => r.version)), SYSTEM)) {
        await client.query(migration.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
      }
      return { commit: true, value: undefined };
    });
  }

  async createRequest(request: ApprovalRequest): Promise<void> {
    await this.query(`createRequest ${request.id}`, SQL.insertRequest, requestValues(request, isoTime));
  }

  async getRequest(id: string): Promise<ApprovalRequest | undefined> {
    const row = (await this.query('getRequest', SQL.getRequest, [id])).rows[0];
    return row && requestFromRow(row);
  }

  async updateRequest(next: ApprovalRequest): Promise<boolean> {
    const result = await this.query(`updateRequest ${next.id}`, SQL.updateRequest, [...requestValues(next, isoTime), next.version - 1]);
    return result.rowCount === 1;
  }

  async listRequests(filter: { status?: RequestStatus }): Promise<ApprovalRequest[]> {
    const result = filter.status
      ? await this.query('listRequests', SQL.requestsByStatus, [filter.status])
      : await this.query('listRequests', SQL.allRequests, []);
    return result.rows.map(requestFromRow);
  }

  async createRun(run: Run): Promise<void> {
    await this.query(`createRun ${run.id}`, SQL.insertRun, runValues(run, isoTime));
  }

  async updateRun(next: Run): Promise<boolean> {
    const result = await this.query(`updateRun ${next.id}`, SQL.updateRun, [...runValues(next, isoTime), next.version - 1]);
    return result.rowCount === 1;
  }

  async getRun(id: string): Promise<Run | undefined> {
    const row = (await this.query('getRun', SQL.getRun, [id])).rows[0];
    return row && runFromRow(row);
  }

  async listActiveRuns(): Promise<Run[]> {
    return (await this.query('listActiveRuns', SQL.activeRuns, [])).rows.map(runFromRow);
  }

  async runsOfRequest(requestId: string): Promise<Run[]> {
    return (await this.query('runsOfRequest', SQL.runsOfRequest, [requestId])).rows.map(runFromRow);
  }

  async decide(next: ApprovalRequest, runs: readonly Run[], audit: readonly AuditEntry[]): Promise<boolean> {
    return this.transaction(`decide ${next.id}`, async (client) => {
      const updated = await client.query(SQL.updateRequest, [...requestValues(next, isoTime), next.version - 1]);
      if (updated.rowCount !== 1) return { commit: false, value: false };
      for (const run of runs) await client.query(SQL.insertRunIfNew, runValues(run, isoTime));
      for (const entry of audit) await client.query(SQL.insertAudit, auditValues(entry, isoTime));
      return { commit: true, value: true };
    });
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.query('appendAudit', SQL.insertAudit, auditValues(entry, isoTime));
  }

  async recentAudit(limit: number): Promise<StoredAuditEntry[]> {
    return (await this.query('recentAudit', SQL.recentAudit, [Math.max(0, Math.floor(limit))])).rows.map(auditFromRow);
  }

  async auditSince(from: Date): Promise<StoredAuditEntry[]> {
    return (await this.query('auditSince', SQL.auditSince, [isoTime(from)])).rows.map(auditFromRow);
  }

  async claimDigest(record: DigestRecord & { slot: Date }): Promise<boolean> {
    const operation = `claimDigest ${record.environment} ${record.slot.toISOString()}`;
    return (await this.query(operation, SQL.claimDigest, digestValues(record, isoTime))).rowCount === 1;
  }

  async recordDigest(record: DigestRecord): Promise<void> {
    await this.query(`recordDigest ${record.environment}`, SQL.insertDigest, digestValues(record, isoTime));
  }

  async lastDigest(environment: string, options: { scheduledOnly?: boolean } = {}): Promise<DigestRecord | undefined> {
    const sql = options.scheduledOnly ? SQL.lastScheduledDigest : SQL.lastDigest;
    const row = (await this.query('lastDigest', sql, [environment])).rows[0];
    return row && digestFromRow(row);
  }

  async acquireLock(lock: Lock): Promise<{ acquired: boolean; lock: Lock }> {
    const operation = `acquireLock ${lock.service}/${lock.environment}`;
    // Between losing the race and reading the holder, the holder may release: then try again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = await this.query(operation, SQL.takeLock, lockValues(lock, isoTime));
      if (taken.rowCount === 1) return { acquired: true, lock: { ...lock } };
      const holder = (await this.query(operation, SQL.getLock, [lock.service, lock.environment])).rows[0];
      if (holder) return { acquired: false, lock: lockFromRow(holder) };
    }
    throw toStorePortError(new Error('the lock changed hands too often to be taken'), SYSTEM, operation);
  }

  async getLock(service: string, environment: string): Promise<Lock | undefined> {
    const row = (await this.query('getLock', SQL.getLock, [service, environment])).rows[0];
    return row && lockFromRow(row);
  }

  async releaseLock(service: string, environment: string): Promise<boolean> {
    return ((await this.query('releaseLock', SQL.releaseLock, [service, environment])).rowCount ?? 0) > 0;
  }

  async tryLease(claim: LeaseClaim): Promise<boolean> {
    const expires = new Date(claim.at.getTime() + claim.ttlMs);
    return (await this.query(`tryLease ${claim.name}`, SQL.tryLease, [claim.name, claim.holder, isoTime(claim.at), isoTime(expires)])).rowCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.query(`releaseLease ${name}`, SQL.releaseLease, [name, holder]);
  }

  async enqueueOutbox(entries: readonly NewOutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.transaction('enqueueOutbox', async (client) => {
      for (const entry of entries) await client.query(OUTBOX.insert, outboxValues(entry, isoTime));
      return { commit: true, value: undefined };
    });
  }

  async dueOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    return (await this.query('dueOutbox', OUTBOX.due, [isoTime(now), Math.max(0, Math.floor(limit))])).rows.map(outboxFromRow);
  }

  async pendingOutbox(stream: string): Promise<OutboxEntry[]> {
    return (await this.query('pendingOutbox', OUTBOX.pendingOfStream, [stream])).rows.map(outboxFromRow);
  }

  async settleOutbox(id: number, result: OutboxResult): Promise<void> {
    const { statement, values } = settlement(result, isoTime);
    await this.query(`settleOutbox ${id}`, OUTBOX[statement], [...values, id]);
  }

  async outboxTs(key: string): Promise<string | undefined> {
    const row = (await this.query('outboxTs', OUTBOX.tsOfKey, [key])).rows[0];
    return row ? String(row.result_ts) : undefined;
  }

  async countPendingOutbox(): Promise<number> {
    return Number((await this.query('countPendingOutbox', OUTBOX.countPending, [])).rows[0]?.pending ?? 0);
  }

  async pruneOutbox(settledBefore: Date): Promise<number> {
    return (await this.query('pruneOutbox', OUTBOX.prune, [isoTime(settledBefore)])).rowCount ?? 0;
  }

  async rememberSignature(signature: string, seenAt: Date, expiresAt: Date): Promise<boolean> {
    if (this.forgetSignatures.due(seenAt)) await this.query('rememberSignature', OUTBOX.forgetSignatures, [isoTime(seenAt)]);
    const result = await this.query('rememberSignature', OUTBOX.rememberSignature, [signature, isoTime(seenAt), isoTime(expiresAt)]);
    return result.rowCount === 1;
  }

  async ping(): Promise<void> {
    await this.query('ping', 'SELECT 1', []);
  }

  /** Idempotent; waits for queries in flight, then closes every pooled connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private query(operation: string, sql: string, values: readonly unknown[]): Promise<pg.QueryResult<Record<string, unknown>>> {
    return this.call(operation, () => this.pool.query<Record<string, unknown>>(sql, values as unknown[]));
  }

  /**
   * `work` on one client inside BEGIN … COMMIT (or ROLLBACK when it says so).
   * On any error the client is discarded rather than rolled back: its
   * connection may be the one that stopped answering, and closing it ends the
   * transaction on the server all the same (or, if the close never arrives,
   * idle_in_transaction_session_timeout does).
   */
  private transaction<T>(operation: string, work: (client: pg.PoolClient) => Promise<{ commit: boolean; value: T }>): Promise<T> {
    return this.call(operation, async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { commit, value } = await work(client);
        await client.query(commit ? 'COMMIT' : 'ROLLBACK');
        client.release();
        return value;
      } catch (error) {
        client.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    });
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      if (this.closed) throw new Error('the store is closed');
      return await work();
    } catch (error) {
      throw toStorePortError(this.explained(error), SYSTEM, operation, this.secrets);
    }
  }

  /** pg's "Query read timeout" says little to an operator: say what happened and which bound it hit. */
  private explained(error: unknown): unknown {
    if (!(error instanceof Error) || error.message !== 'Query read timeout') return error;
    return new Error(`no answer from the server within ${this.queryTimeoutMillis} ms (query timeout); the connection was dropped`);
  }
}
