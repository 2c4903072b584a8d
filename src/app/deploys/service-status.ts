import type { ShipmateConfig } from '../../config/schema.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import { systemClock, type Clock } from '../../ports/clock.port.js';
import type { Lock, StorePort } from '../../ports/store.port.js';
import { recentEnvironmentSnapshot } from '../environment-snapshot.js';

export interface ServiceStatusLine {
  environment: string;
  service: string;
  image?: string;
  tag?: string;
  digest?: string;
  verdict: string;
  lock?: Lock;
  problem?: string;
}

/** /shipmate status: every service in every environment — image, digest, readiness verdict (from the recent snapshot the App Home shares), lock. */
export async function serviceStatus(
  config: ShipmateConfig,
  store: StorePort,
  portsFor: (environment: string) => ReadinessPorts,
  clock: Clock = systemClock,
): Promise<ServiceStatusLine[]> {
  const snapshots = await Promise.all(Object.keys(config.environments).map((name) => recentEnvironmentSnapshot(config, name, portsFor(name), clock)));
  const lines = snapshots.flatMap(({ environment, services }) =>
    services.map(async ({ verdict, ...service }): Promise<ServiceStatusLine> => {
      const lock = await store.getLock(service.service, environment);
      return { environment, ...service, verdict: verdict ?? 'unknown', ...(lock ? { lock } : {}) };
    }),
  );
  return Promise.all(lines);
}
