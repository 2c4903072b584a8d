import { PortError } from './port-error.js';

/** What a release snapshots: an RDS DB instance, or an Aurora DB cluster. */
export interface DatabaseRef {
  kind: 'instance' | 'cluster';
  identifier: string;
}

/** RDS's own words: `creating`, `available`, `failed`, and the others it may add. */
export type SnapshotStatus = 'creating' | 'available' | 'failed' | (string & {});

export interface DatabaseSnapshot {
  identifier: string;
  /** The instance or cluster it was taken of. */
  database: DatabaseRef;
  status: SnapshotStatus;
  /** 0–100, as RDS reports it while the snapshot is being taken. */
  progressPercent?: number;
  /** When it was taken; RDS leaves it out until then. */
  createdAt?: Date;
}

/**
 * Snapshot identifiers should start with `shipmate-`: deploy/aws/iam-policy.json
 * lets shipmate create and read snapshots under that prefix only.
 */
export interface DatabaseSnapshotsPort {
  /** The instance's or cluster's status (DescribeDBInstances / DescribeDBClusters), undefined when there is no such database. */
  databaseStatus(database: DatabaseRef): Promise<string | undefined>;
  /**
   * Starts a manual snapshot (CreateDBSnapshot / CreateDBClusterSnapshot) and
   * returns it as RDS first describes it, `creating`. An identifier already
   * taken throws SnapshotExistsError: look the snapshot up instead.
   */
  createSnapshot(database: DatabaseRef, identifier: string): Promise<DatabaseSnapshot>;
  /** The snapshot as RDS describes it now (DescribeDBSnapshots / DescribeDBClusterSnapshots), undefined when there is none. */
  getSnapshot(database: DatabaseRef, identifier: string): Promise<DatabaseSnapshot | undefined>;
}

/** A snapshot with this identifier exists already: a resumed release finds the one it started instead of taking a second. */
export class SnapshotExistsError extends PortError {
  constructor(message: string) {
    super('invalid', message);
  }
}
