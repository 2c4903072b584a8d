import type { StorePort } from '../../ports/store.port.js';
import { lazyPort } from '../lazy-port.js';
import { parseStoreUrl } from './store-url.js';

const STORE_METHODS: Record<keyof StorePort, true> = {
  migrate: true,
  createRequest: true,
  getRequest: true,
  updateRequest: true,
  listRequests: true,
  createRun: true,
  updateRun: true,
  getRun: true,
  listActiveRuns: true,
  runsOfRequest: true,
  decide: true,
  appendAudit: true,
  recentAudit: true,
  auditSince: true,
  claimDigest: true,
  recordDigest: true,
  lastDigest: true,
  acquireLock: true,
  getLock: true,
  releaseLock: true,
  tryLease: true,
  releaseLease: true,
  enqueueOutbox: true,
  dueOutbox: true,
  pendingOutbox: true,
  settleOutbox: true,
  outboxTs: true,
  countPendingOutbox: true,
  pruneOutbox: true,
  rememberSignature: true,
  ping: true,
  close: true,
};

/**
 * The store that `store.url` names: `sqlite:…` (one replica, the default
 * `sqlite:./data/shipmate.db`) or `postgres://…` (several replicas).
 * Throws ConfigError naming store.url for anything else. Call migrate() before use.
 * Only the driver of that kind is loaded (on the first call): a SQLite bot never holds pg, nor the reverse.
 */
export function createStore(url: string): StorePort {
  const location = parseStoreUrl(url);
  return lazyPort<StorePort>(
    location.kind === 'sqlite'
      ? async () => new (await import('./sqlite-store.js')).SqliteStore(location.path)
      : async () =>
          new (await import('./postgres-store.js')).PostgresStore(location.url, {
            ...location.timeouts,
            ...(location.password ? { password: location.password } : {}),
          }),
    STORE_METHODS,
  );
}
