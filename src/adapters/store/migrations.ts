import { PortError } from '../../ports/port-error.js';

/**
 * The store's schema, as numbered migrations. Each migration is one step in
 * both dialects (same tables, same columns, same meaning); an adapter applies
 * the steps it has not recorded in `schema_migrations`, in order, inside one
 * transaction, so a crash half-way leaves the schema where it was.
 *
 * Times: SQLite stores milliseconds since the epoch (INTEGER), PostgreSQL
 * `timestamptz`; both keep millisecond precision in UTC. JSON: SQLite TEXT,
 * PostgreSQL `jsonb`. Never edit a released migration: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'requests, runs, audit log, locks',
    sqlite: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        environment TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        required_approvals INTEGER NOT NULL,
        approvals TEXT NOT NULL,
        decided_by TEXT,
        decided_at INTEGER,
        reason TEXT,
        payload TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        message_ts TEXT,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX requests_by_status ON requests (status, requested_at);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests (id),
        kind TEXT NOT NULL,
        environment TEXT NOT NULL,
        service TEXT NOT NULL,
        status TEXT NOT NULL,
        external_id TEXT,
        phase TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        channel_id TEXT NOT NULL,
        message_ts TEXT,
        detail TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX runs_by_status ON runs (status, started_at);
      CREATE INDEX runs_by_request ON runs (request_id, started_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        occurred_at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        environment TEXT,
        subject TEXT,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_by_time ON audit_log (occurred_at, id);

      CREATE TABLE locks (
        service TEXT NOT NULL,
        environment TEXT NOT NULL,
        holder TEXT NOT NULL,
        reason TEXT NOT NULL,
        locked_at INTEGER NOT NULL,
        held_until INTEGER,
        PRIMARY KEY (service, environment)
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        environment TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TIMESTAMPTZ(3) NOT NULL,
        expires_at TIMESTAMPTZ(3) NOT NULL,
        status TEXT NOT NULL,
        required_approvals INTEGER NOT NULL,
        approvals JSONB NOT NULL,
        decided_by TEXT,
        decided_at TIMESTAMPTZ(3),
        reason TEXT,
        payload JSONB NOT NULL,
        channel_id TEXT NOT NULL,
        message_ts TEXT,
        version INTEGER NOT NULL
      );
      CREATE INDEX requests_by_status ON requests (status, requested_at);

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES requests (id),
        kind TEXT NOT NULL,
        environment TEXT NOT NULL,
        service TEXT NOT NULL,
        status TEXT NOT NULL,
        external_id TEXT,
        phase TEXT,
        started_at TIMESTAMPTZ(3) NOT NULL,
        finished_at TIMESTAMPTZ(3),
        channel_id TEXT NOT NULL,
        message_ts TEXT,
        detail JSONB NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE INDEX runs_by_status ON runs (status, started_at);
      CREATE INDEX runs_by_request ON runs (request_id, started_at);

      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at TIMESTAMPTZ(3) NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        environment TEXT,
        subject TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_log_by_time ON audit_log (occurred_at, id);

      CREATE TABLE locks (
        service TEXT NOT NULL,
        environment TEXT NOT NULL,
        holder TEXT NOT NULL,
        reason TEXT NOT NULL,
        locked_at TIMESTAMPTZ(3) NOT NULL,
        held_until TIMESTAMPTZ(3),
        PRIMARY KEY (service, environment)
      );
    `,
  },
  {
    version: 2,
    name: 'digests',
    // audit_log already has audit_log_by_time (occurred_at, id) from version 1, which auditSince uses.
    // NULL slots (on-demand digests) are distinct in a UNIQUE index in both dialects, so they never collide.
    sqlite: `
      CREATE TABLE digests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        environment TEXT NOT NULL,
        slot INTEGER,
        posted_at INTEGER NOT NULL,
        late INTEGER NOT NULL,
        score REAL NOT NULL,
        failing TEXT NOT NULL,
        channel_id TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX digests_by_slot ON digests (environment, slot);
      CREATE INDEX digests_by_time ON digests (environment, posted_at);
    `,
    postgres: `
      CREATE TABLE digests (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        environment TEXT NOT NULL,
        slot TIMESTAMPTZ(3),
        posted_at TIMESTAMPTZ(3) NOT NULL,
        late BOOLEAN NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        failing JSONB NOT NULL,
        channel_id TEXT NOT NULL
      );
      CREATE UNIQUE INDEX digests_by_slot ON digests (environment, slot);
      CREATE INDEX digests_by_time ON digests (environment, posted_at);
    `,
  },
  {
    version: 3,
    name: 'leases (leader election between replicas)',
    sqlite: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        acquired_at TIMESTAMPTZ(3) NOT NULL,
        renewed_at TIMESTAMPTZ(3) NOT NULL,
        expires_at TIMESTAMPTZ(3) NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'outbox (chat messages delivered in order per stream) and seen signatures (replay refusal)',
    // outbox_pending holds only pending rows (delivered ones pile up beside it): dueOutbox takes
    // min(id) per stream from it, and pendingOutbox and countPendingOutbox read it.
    // key is UNIQUE and NULL for most rows; NULLs never collide in a UNIQUE index in either dialect.
    sqlite: `
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stream TEXT NOT NULL,
        method TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        thread_ts TEXT,
        thread_key TEXT,
        broadcast INTEGER NOT NULL,
        ts TEXT,
        ts_key TEXT,
        key TEXT UNIQUE,
        text TEXT NOT NULL,
        blocks TEXT,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        settled_at INTEGER,
        result_ts TEXT,
        error TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (stream, id) WHERE status = 'pending';

      CREATE TABLE seen_signatures (
        signature TEXT PRIMARY KEY,
        seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX seen_signatures_by_expiry ON seen_signatures (expires_at);
    `,
    postgres: `
      CREATE TABLE outbox (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream TEXT NOT NULL,
        method TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        thread_ts TEXT,
        thread_key TEXT,
        broadcast BOOLEAN NOT NULL,
        ts TEXT,
        ts_key TEXT,
        key TEXT UNIQUE,
        text TEXT NOT NULL,
        blocks JSONB,
        created_at TIMESTAMPTZ(3) NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TIMESTAMPTZ(3) NOT NULL,
        settled_at TIMESTAMPTZ(3),
        result_ts TEXT,
        error TEXT
      );
      CREATE INDEX outbox_pending ON outbox (stream, id) WHERE status = 'pending';

      CREATE TABLE seen_signatures (
        signature TEXT PRIMARY KEY,
        seen_at TIMESTAMPTZ(3) NOT NULL,
        expires_at TIMESTAMPTZ(3) NOT NULL
      );
      CREATE INDEX seen_signatures_by_expiry ON seen_signatures (expires_at);
    `,
  },
];

export const SCHEMA_MIGRATIONS_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ(3) NOT NULL)`,
};

/**
 * The migrations still to apply, in order. A database that has applied a
 * version this code does not know was upgraded by a newer shipmate: running
 * older code on it could corrupt data, so that is refused.
 */
export function pendingMigrations(applied: ReadonlySet<number>, system: string): Migration[] {
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  const unknown = [...applied].filter((version) => version > latest);
  if (unknown.length > 0) {
    throw new PortError(
      'invalid',
      `${system}: the schema is at version ${Math.max(...unknown)}, newer than this shipmate knows (${latest}); run the newer shipmate or restore a backup`,
    );
  }
  return MIGRATIONS.filter((migration) => !applied.has(migration.version));
}
