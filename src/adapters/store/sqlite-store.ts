import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ApprovalRequest, AuditEntry, DigestRecord, LeaseClaim, Lock, NewOutboxEntry, OutboxEntry, OutboxResult, RequestStatus, Run, StoredAuditEntry, StorePort } from '../../ports/store.port.js';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from './migrations.js';
import { ForgetCadence, OUTBOX_SQL, settlement } from './outbox-sql.js';
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

const SYSTEM = 'SQLite store';
const BUSY_TIMEOUT_MS = 5_000;
const epochMs: DateWriter = (date) => date.getTime();
type Row = Record<string, unknown>;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const assignments = (columns: readonly string[]) => columns.map((c) => `${c} = ?`).join(', ');

const SQL = {
  insertRequest: `INSERT INTO requests (${REQUEST_COLUMNS.join(', ')}) VALUES (${placeholders(REQUEST_COLUMNS.length)})`,
  updateRequest: `UPDATE requests SET ${assignments(REQUEST_COLUMNS.slice(1))} WHERE id = ? AND version = ?`,
  getRequest: 'SELECT * FROM requests WHERE id = ?',
  allRequests: 'SELECT * FROM requests ORDER BY requested_at, id',
  requestsByStatus: 'SELECT * FROM requests WHERE status = ? ORDER BY requested_at, id',
  insertRun: `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${placeholders(RUN_COLUMNS.length)})`,
  insertRunIfNew: `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${placeholders(RUN_COLUMNS.length)}) ON CONFLICT (id) DO NOTHING`,
  updateRun: `UPDATE runs SET ${assignments(RUN_COLUMNS.slice(1))} WHERE id = ? AND version = ?`,
  getRun: 'SELECT * FROM runs WHERE id = ?',
  activeRuns: "SELECT * FROM runs WHERE status IN ('starting', 'running') ORDER BY started_at, id",
  runsOfRequest: 'SELECT * FROM runs WHERE request_id = ? ORDER BY started_at, id',
  insertAudit: `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${placeholders(AUDIT_COLUMNS.length)})`,
  recentAudit: 'SELECT * FROM audit_log ORDER BY occurred_at DESC, id DESC LIMIT ?',
  auditSince: 'SELECT * FROM audit_log WHERE occurred_at >= ? ORDER BY occurred_at, id',
  insertDigest: `INSERT INTO digests (${DIGEST_COLUMNS.join(', ')}) VALUES (${placeholders(DIGEST_COLUMNS.length)})`,
  // One atomic insert: the UNIQUE (environment, slot) index decides which caller claims the slot.
  claimDigest: `INSERT INTO digests (${DIGEST_COLUMNS.join(', ')}) VALUES (${placeholders(DIGEST_COLUMNS.length)})
    ON CONFLICT (environment, slot) DO NOTHING`,
  lastDigest: 'SELECT * FROM digests WHERE environment = ? ORDER BY posted_at DESC, id DESC LIMIT 1',
  lastScheduledDigest: 'SELECT * FROM digests WHERE environment = ? AND slot IS NOT NULL ORDER BY posted_at DESC, id DESC LIMIT 1',
  // Takes a free lock, or one whose `until` has passed by the new lock's time; leaves a held one alone.
  takeLock: `INSERT INTO locks (${LOCK_COLUMNS.join(', ')}) VALUES (${placeholders(LOCK_COLUMNS.length)})
    ON CONFLICT (service, environment) DO UPDATE SET
      holder = excluded.holder, reason = excluded.reason, locked_at = excluded.locked_at, held_until = excluded.held_until
    WHERE locks.held_until IS NOT NULL AND locks.held_until <= excluded.locked_at`,
  getLock: 'SELECT * FROM locks WHERE service = ? AND environment = ?',
  releaseLock: 'DELETE FROM locks WHERE service = ? AND environment = ?',
  // Free, expired, or ours already: take or renew it. acquired_at stays while the same holder renews.
  tryLease: `INSERT INTO leases (name, holder, acquired_at, renewed_at, expires_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET
      acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
      holder = excluded.holder, renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
    WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.renewed_at`,
  releaseLease: 'DELETE FROM leases WHERE name = ? AND holder = ?',
} as const;

/**
 * The store in one SQLite file (better-sqlite3), for a single replica. WAL
 * lets readers and the writer work side by side; busy_timeout makes a second
 * process wait for the write lock instead of failing; every write that reads
 * first runs in an IMMEDIATE transaction so it holds the write lock from the
 * start. better-sqlite3 is synchronous: each call completes before the next.
 */
export class SqliteStore implements StorePort {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly forgetSignatures = new ForgetCadence();
  private closed = false;

  constructor(readonly path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
      this.db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('foreign_keys = ON');
    } catch (error) {
      throw toStorePortError(error, SYSTEM, `open ${path}`);
    }
  }

  async migrate(): Promise<void> {
    this.call('migrate', () =>
      this.db
        .transaction(() => {
          this.db.exec(SCHEMA_MIGRATIONS_TABLE.sqlite);
          const applied = new Set(this.db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
          const record = this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
          for (const migration of pendingMigrations(applied, SYSTEM)) {
            this.db.exec(migration.sqlite);
            record.run(migration.version, migration.name, Date.now());
          }
        })
        .immediate(),
    );
  }

  async createRequest(request: ApprovalRequest): Promise<void> {
    this.call(`createRequest ${request.id}`, () => this.statement(SQL.insertRequest).run(requestValues(request, epochMs)));
  }

  async getRequest(id: string): Promise<ApprovalRequest | undefined> {
    const row = this.call('getRequest', () => this.statement(SQL.getRequest).get(id) as Row | undefined);
    return row && requestFromRow(row);
  }

  async updateRequest(next: ApprovalRequest): Promise<boolean> {
    const [id, ...rest] = requestValues(next, epochMs);
    const result = this.call(`updateRequest ${next.id}`, () => this.statement(SQL.updateRequest).run(...rest, id, next.version - 1));
    return result.changes === 1;
  }

  async listRequests(filter: { status?: RequestStatus }): Promise<ApprovalRequest[]> {
    const rows = this.call('listRequests', () =>
      (filter.status ? this.statement(SQL.requestsByStatus).all(filter.status) : this.statement(SQL.allRequests).all()) as Row[],
    );
    return rows.map(requestFromRow);
  }

  async createRun(run: Run): Promise<void> {
    this.call(`createRun ${run.id}`, () => this.statement(SQL.insertRun).run(runValues(run, epochMs)));
  }

  async updateRun(next: Run): Promise<boolean> {
    const [id, ...rest] = runValues(next, epochMs);
    const result = this.call(`updateRun ${next.id}`, () => this.statement(SQL.updateRun).run(...rest, id, next.version - 1));
    return result.changes === 1;
  }

  async getRun(id: string): Promise<Run | undefined> {
    const row = this.call('getRun', () => this.statement(SQL.getRun).get(id) as Row | undefined);
    return row && runFromRow(row);
  }

  async listActiveRuns(): Promise<Run[]> {
    return this.call('listActiveRuns', () => this.statement(SQL.activeRuns).all() as Row[]).map(runFromRow);
  }

  async runsOfRequest(requestId: string): Promise<Run[]> {
    return this.call('runsOfRequest', () => this.statement(SQL.runsOfRequest).all(requestId) as Row[]).map(runFromRow);
  }

  async decide(next: ApprovalRequest, runs: readonly Run[], audit: readonly AuditEntry[]): Promise<boolean> {
    const [id, ...rest] = requestValues(next, epochMs);
    return this.call(`decide ${next.id}`, () =>
      this.db
        .transaction(() => {
          if (this.statement(SQL.updateRequest).run(...rest, id, next.version - 1).changes !== 1) return false;
          for (const run of runs) this.statement(SQL.insertRunIfNew).run(runValues(run, epochMs));
          for (const entry of audit) this.statement(SQL.insertAudit).run(auditValues(entry, epochMs));
          return true;
        })
        .immediate(),
    );
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.call('appendAudit', () => this.statement(SQL.insertAudit).run(auditValues(entry, epochMs)));
  }

  async recentAudit(limit: number): Promise<StoredAuditEntry[]> {
    const rows = this.call('recentAudit', () => this.statement(SQL.recentAudit).all(Math.max(0, Math.floor(limit))) as Row[]);
    return rows.map(auditFromRow);
  }

  async auditSince(from: Date): Promise<StoredAuditEntry[]> {
    return this.call('auditSince', () => this.statement(SQL.auditSince).all(epochMs(from)) as Row[]).map(auditFromRow);
  }

  async claimDigest(record: DigestRecord & { slot: Date }): Promise<boolean> {
    const operation = `claimDigest ${record.environment} ${record.slot.toISOString()}`;
    return this.call(operation, () => this.statement(SQL.claimDigest).run(digestValues(record, epochMs)).changes === 1);
  }

  async recordDigest(record: DigestRecord): Promise<void> {
    this.call(`recordDigest ${record.environment}`, () => this.statement(SQL.insertDigest).run(digestValues(record, epochMs)));
  }

  async lastDigest(environment: string, options: { scheduledOnly?: boolean } = {}): Promise<DigestRecord | undefined> {
    const sql = options.scheduledOnly ? SQL.lastScheduledDigest : SQL.lastDigest;
    const row = this.call('lastDigest', () => this.statement(sql).get(environment) as Row | undefined);
    return row && digestFromRow(row);
  }

  async acquireLock(lock: Lock): Promise<{ acquired: boolean; lock: Lock }> {
    return this.call(`acquireLock ${lock.service}/${lock.environment}`, () =>
      this.db
        .transaction(() => {
          const taken = this.statement(SQL.takeLock).run(lockValues(lock, epochMs)).changes === 1;
          const holder = this.statement(SQL.getLock).get(lock.service, lock.environment) as Row;
          return { acquired: taken, lock: lockFromRow(holder) };
        })
        .immediate(),
    );
  }

  async getLock(service: string, environment: string): Promise<Lock | undefined> {
    const row = this.call('getLock', () => this.statement(SQL.getLock).get(service, environment) as Row | undefined);
    return row && lockFromRow(row);
  }

  async releaseLock(service: string, environment: string): Promise<boolean> {
    return this.call('releaseLock', () => this.statement(SQL.releaseLock).run(service, environment).changes > 0);
  }

  async tryLease(claim: LeaseClaim): Promise<boolean> {
    const expires = new Date(claim.at.getTime() + claim.ttlMs);
    return this.call(`tryLease ${claim.name}`, () => this.statement(SQL.tryLease).run(claim.name, claim.holder, epochMs(claim.at), epochMs(claim.at), epochMs(expires)).changes === 1);
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.call(`releaseLease ${name}`, () => this.statement(SQL.releaseLease).run(name, holder));
  }

  async enqueueOutbox(entries: readonly NewOutboxEntry[]): Promise<void> {
    this.call('enqueueOutbox', () =>
      this.db
        .transaction(() => {
          for (const entry of entries) this.statement(OUTBOX_SQL.insert).run(outboxValues(entry, epochMs));
        })
        .immediate(),
    );
  }

  async dueOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    const rows = this.call('dueOutbox', () => this.statement(OUTBOX_SQL.due).all(epochMs(now), Math.max(0, Math.floor(limit))) as Row[]);
    return rows.map(outboxFromRow);
  }

  async pendingOutbox(stream: string): Promise<OutboxEntry[]> {
    return this.call('pendingOutbox', () => this.statement(OUTBOX_SQL.pendingOfStream).all(stream) as Row[]).map(outboxFromRow);
  }

  async settleOutbox(id: number, result: OutboxResult): Promise<void> {
    const { statement, values } = settlement(result, epochMs);
    this.call(`settleOutbox ${id}`, () => this.statement(OUTBOX_SQL[statement]).run(...values, id));
  }

  async outboxTs(key: string): Promise<string | undefined> {
    const row = this.call('outboxTs', () => this.statement(OUTBOX_SQL.tsOfKey).get(key) as Row | undefined);
    return row ? String(row.result_ts) : undefined;
  }

  async countPendingOutbox(): Promise<number> {
    return this.call('countPendingOutbox', () => Number((this.statement(OUTBOX_SQL.countPending).get() as Row).pending));
  }

  async pruneOutbox(settledBefore: Date): Promise<number> {
    return this.call('pruneOutbox', () => this.statement(OUTBOX_SQL.prune).run(epochMs(settledBefore)).changes);
  }

  async rememberSignature(signature: string, seenAt: Date, expiresAt: Date): Promise<boolean> {
    return this.call('rememberSignature', () => {
      if (this.forgetSignatures.due(seenAt)) this.statement(OUTBOX_SQL.forgetSignatures).run(epochMs(seenAt));
      return this.statement(OUTBOX_SQL.rememberSignature).run(signature, epochMs(seenAt), epochMs(expiresAt)).changes === 1;
    });
  }

  async ping(): Promise<void> {
    this.call('ping', () => this.statement('SELECT 1').get());
  }

  /** Idempotent. Closing the last connection checkpoints the WAL into the database file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private call<T>(operation: string, work: () => T): T {
    try {
      if (this.closed) throw new Error('the store is closed');
      return work();
    } catch (error) {
      throw toStorePortError(error, SYSTEM, operation);
    }
  }
}
