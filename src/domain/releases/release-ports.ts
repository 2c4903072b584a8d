import type { DatabaseSnapshotsPort } from '../../ports/database-snapshots.port.js';
import type { ReadinessPorts } from '../readiness/readiness-ports.js';

/** What a release calls in one environment: the readiness ports (CodeBuild, ECR, the cluster with its Jobs, HTTP) and RDS snapshots. */
export interface ReleasePorts extends ReadinessPorts {
  snapshots: DatabaseSnapshotsPort;
}
