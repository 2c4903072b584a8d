import { existsSync } from 'node:fs';
import { createStore } from '../adapters/store/create-store.js';
import { parseStoreUrl } from '../adapters/store/store-url.js';
import type { ShipmateConfig } from '../config/schema.js';
import type { StorePort } from '../ports/store.port.js';

export type LockReader = Pick<StorePort, 'getLock' | 'close'>;

const NO_STORE: LockReader = { getLock: async () => undefined, close: async () => undefined };

/**
 * The deploy locks the bot's store (`store.url`) holds, for a one-shot
 * command that only reads: an SQLite file that does not exist yet holds none
 * and is not created; an in-memory one is never the bot's.
 */
export function lockReader(config: ShipmateConfig): LockReader {
  const location = parseStoreUrl(config.store.url);
  if (location.kind === 'sqlite' && (location.path === ':memory:' || !existsSync(location.path))) return NO_STORE;
  return createStore(config.store.url);
}
