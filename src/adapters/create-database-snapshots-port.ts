import type { DatabaseSnapshotsPort } from '../ports/database-snapshots.port.js';
import type { AwsAdapterOptions } from './aws/aws-client-options.js';
import { lazyPort } from './lazy-port.js';

const DATABASE_SNAPSHOTS_METHODS: Record<keyof DatabaseSnapshotsPort, true> = { databaseStatus: true, createSnapshot: true, getSnapshot: true };

/** The RDS adapter, loaded on its first call: a bot that never releases never holds the RDS SDK. */
export function createLazyDatabaseSnapshotsPort(options: AwsAdapterOptions): DatabaseSnapshotsPort {
  return lazyPort(async () => (await import('./aws/rds-adapter.js')).createDatabaseSnapshotsPort(options), DATABASE_SNAPSHOTS_METHODS);
}
