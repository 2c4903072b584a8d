import type pg from 'pg';

/**
 * How long PostgreSQL may keep shipmate waiting (SPEC §13: a hung query must
 * not hang a leader). Each bound catches a different failure:
 * - connectionTimeoutMillis: a new connection (or a free one from a full pool) that does not come;
 * - statementTimeoutMillis: the server cancels a statement that runs or waits on a lock too long;
 * - queryTimeoutMillis: the client gives up on a query whose connection stopped answering
 *   (a silent network drop, a frozen server), which no server-side bound can catch;
 *   the pool then discards that connection;
 * - idleInTransactionTimeoutMillis: the server ends a session whose client vanished inside a
 *   transaction, so its row locks do not outlive it;
 * - keepAliveInitialDelayMillis: TCP keepalive probes start after this much silence, so the
 *   kernel notices a dead peer on an idle pooled connection.
 */
export interface PostgresTimeouts {
  connectionTimeoutMillis?: number;
  queryTimeoutMillis?: number;
  statementTimeoutMillis?: number;
  idleInTransactionTimeoutMillis?: number;
  keepAliveInitialDelayMillis?: number;
}

export interface PostgresStoreOptions extends PostgresTimeouts {
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Taken out of error messages. */
  password?: string;
}

/** The statement timeout is below the query timeout, so a slow statement ends with the server's clear error first. */
export const POSTGRES_TIMEOUT_DEFAULTS: Required<PostgresTimeouts> = {
  connectionTimeoutMillis: 5_000,
  queryTimeoutMillis: 10_000,
  statementTimeoutMillis: 8_000,
  idleInTransactionTimeoutMillis: 15_000,
  keepAliveInitialDelayMillis: 5_000,
};

export function poolConfig(url: string, options: PostgresStoreOptions): pg.PoolConfig {
  const timeouts = { ...POSTGRES_TIMEOUT_DEFAULTS, ...definedOnly(options) };
  return {
    connectionString: url,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: 30_000,
    application_name: 'shipmate',
    connectionTimeoutMillis: timeouts.connectionTimeoutMillis,
    query_timeout: timeouts.queryTimeoutMillis,
    statement_timeout: timeouts.statementTimeoutMillis,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMillis,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveInitialDelayMillis,
  };
}

/**
 * The timeouts a store URL may carry in its query string, with the unit its
 * name has elsewhere: libpq's `connect_timeout` and `keepalives_idle` in
 * seconds; PostgreSQL's `statement_timeout` and
 * `idle_in_transaction_session_timeout`, and node-postgres's `query_timeout`,
 * in milliseconds. E.g. `postgres://ship@db/shipmate?connect_timeout=3&query_timeout=20000`.
 */
const URL_PARAMETERS: Record<string, { option: keyof PostgresTimeouts; toMillis: number }> = {
  connect_timeout: { option: 'connectionTimeoutMillis', toMillis: 1000 },
  query_timeout: { option: 'queryTimeoutMillis', toMillis: 1 },
  statement_timeout: { option: 'statementTimeoutMillis', toMillis: 1 },
  idle_in_transaction_session_timeout: { option: 'idleInTransactionTimeoutMillis', toMillis: 1 },
  keepalives_idle: { option: 'keepAliveInitialDelayMillis', toMillis: 1000 },
};

/**
 * Takes the timeout parameters out of a PostgreSQL URL (pg is handed the rest):
 * the URL without them, the timeouts, and a problem per value that is not a
 * positive whole number (naming the parameter, never the URL).
 */
export function timeoutsFromUrl(url: URL): { url: URL; timeouts: PostgresTimeouts; problems: string[] } {
  const rest = new URL(url.href);
  const timeouts: PostgresTimeouts = {};
  const problems: string[] = [];
  for (const [name, { option, toMillis }] of Object.entries(URL_PARAMETERS)) {
    const value = rest.searchParams.get(name);
    if (value === null) continue;
    rest.searchParams.delete(name);
    if (/^[1-9]\d{0,8}$/.test(value)) timeouts[option] = Number(value) * toMillis;
    else problems.push(`${name} must be a positive whole number (${toMillis === 1 ? 'milliseconds' : 'seconds'})`);
  }
  return { url: rest, timeouts, problems };
}

function definedOnly(options: PostgresTimeouts): PostgresTimeouts {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as PostgresTimeouts;
}
