import { parseStoreUrl } from '../adapters/store/store-url.js';
import type { ShipmateConfig } from '../config/schema.js';

export interface StartupSummary {
  mode: 'Socket Mode' | 'HTTP';
  port: number;
  opsPort?: number;
  /** Each environment with the number of services that run in it. */
  environments: Record<string, number>;
  /** Where state is kept: a SQLite file, or a PostgreSQL host and database (never its user or password). */
  store: { kind: 'sqlite'; path: string } | { kind: 'postgres'; host: string; database: string };
}

/** What an operator needs to see at start-up, and nothing secret: no token, no store credentials. */
export function startupSummary(config: ShipmateConfig, options: { socketMode: boolean; port: number; opsPort?: number }): StartupSummary {
  const allServices = Object.keys(config.services).length;
  const environments = Object.fromEntries(
    Object.entries(config.environments).map(([name, environment]) => [name, environment.services?.length ?? allServices]),
  );
  return {
    mode: options.socketMode ? 'Socket Mode' : 'HTTP',
    port: options.port,
    ...(options.opsPort !== undefined ? { opsPort: options.opsPort } : {}),
    environments,
    store: storeOf(config.store.url),
  };
}

/** One line for the log's msg, e.g. `Socket Mode; PORT 3000, OPS_PORT 9090; environments staging (3 services), prod (2 services); store postgres db.internal:5432/shipmate`. */
export function describeStartup(summary: StartupSummary): string {
  const ports = `PORT ${summary.port}${summary.opsPort !== undefined ? `, OPS_PORT ${summary.opsPort}` : ''}`;
  const environments = Object.entries(summary.environments)
    .map(([name, count]) => `${name} (${count} service${count === 1 ? '' : 's'})`)
    .join(', ');
  const store = summary.store.kind === 'sqlite' ? `sqlite ${summary.store.path}` : `postgres ${summary.store.host}/${summary.store.database}`;
  return `${summary.mode}; ${ports}; environments ${environments}; store ${store}`;
}

function storeOf(url: string): StartupSummary['store'] {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') return location;
  // URL.host leaves out the user-info; pg's defaults apply to what the URL does not say.
  const parsed = new URL(location.url);
  return { kind: 'postgres', host: parsed.host || 'localhost', database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)' };
}
