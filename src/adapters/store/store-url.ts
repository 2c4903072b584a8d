import { ConfigError } from '../../config/config-error.js';
import { timeoutsFromUrl, type PostgresTimeouts } from './postgres-options.js';

export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; password?: string; timeouts?: PostgresTimeouts };

const EXAMPLES = 'sqlite:./data/shipmate.db, sqlite::memory: or postgres://user@host:5432/shipmate';

/**
 * Reads `store.url`. SQLite: `sqlite:<path>` (relative to the working
 * directory), `sqlite:///absolute/path` or `sqlite::memory:`. PostgreSQL:
 * `postgres://…` or `postgresql://…`, handed to pg as a connection string,
 * less the timeouts its query string may set (see postgres-options.ts).
 * Error messages never repeat the URL, which may carry a password.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const rest = url.trim().slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (!path) throw new ConfigError([`store.url: the SQLite URL names no file (use ${EXAMPLES})`]);
    return { kind: 'sqlite', path };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new ConfigError([`store.url: not a valid PostgreSQL URL (expected postgres://user:password@host:5432/database)`]);
    }
    const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
    const { url: rest, timeouts, problems } = timeoutsFromUrl(parsed);
    if (problems.length > 0) throw new ConfigError(problems.map((problem) => `store.url: ${problem}`));
    const found = Object.keys(timeouts).length > 0;
    return { kind: 'postgres', url: found ? rest.href : url.trim(), ...(password ? { password } : {}), ...(found ? { timeouts } : {}) };
  }
  const named = scheme ? `"${scheme}:"` : 'none';
  throw new ConfigError([`store.url: unknown scheme ${named}; use ${EXAMPLES}`]);
}
