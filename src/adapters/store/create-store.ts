import type { StorePort } from '../../ports/store.port.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import { parseStoreUrl } from './store-url.js';

/**
 * The store that `store.url` names: `sqlite:…` (one replica, the default
 * `sqlite:./data/shipmate.db`) or `postgres://…` (several replicas).
 * Throws ConfigError naming store.url for anything else. Call migrate() before use.
 */
export function createStore(url: string): StorePort {
  const location = parseStoreUrl(url);
  return location.kind === 'sqlite'
    ? new SqliteStore(location.path)
    : new PostgresStore(location.url, { ...location.timeouts, ...(location.password ? { password: location.password } : {}) });
}
