import type { DBClusterSnapshot, DBSnapshot } from '@aws-sdk/client-rds';
import type { DatabaseSnapshot } from '../../ports/database-snapshots.port.js';
import { SnapshotExistsError } from '../../ports/database-snapshots.port.js';
import { PortError } from '../../ports/port-error.js';
import { toPortError, type AwsCallDescription } from './aws-error.js';

/** RDS's exceptions for a request naming something wrong or in the wrong state: the caller's to fix, not worth a retry. */
const RDS_INVALID = new Set([
  'DBInstanceNotFoundFault',
  'DBClusterNotFoundFault',
  'InvalidDBInstanceStateFault',
  'InvalidDBClusterStateFault',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'MissingParameter',
]);
const ALREADY_EXISTS = new Set(['DBSnapshotAlreadyExistsFault', 'DBClusterSnapshotAlreadyExistsFault']);
const QUOTA = new Set(['SnapshotQuotaExceededFault']);

/**
 * Whatever an RDS call threw, as a PortError: RDS's own exception names
 * classified on top of the shared AWS mapping (access, throttling, network),
 * and a taken identifier as SnapshotExistsError.
 */
export function rdsPortError(error: unknown, call: AwsCallDescription): PortError {
  const mapped = toPortError(error, call);
  const name = error instanceof Error ? error.name : '';
  const prefix = `${call.system} ${call.operation}: `;
  const detail = mapped.message.startsWith(prefix) ? mapped.message.slice(prefix.length) : mapped.message;
  if (ALREADY_EXISTS.has(name)) return new SnapshotExistsError(mapped.message);
  if (QUOTA.has(name)) return new PortError('limit_exceeded', mapped.message);
  if (RDS_INVALID.has(name)) return new PortError('invalid', `${prefix}request rejected (${detail})`);
  return mapped;
}

/** Runs one RDS call; the exceptions in `missing` ("no such snapshot") come out as undefined, anything else as a PortError. */
export async function callRds<T>(call: AwsCallDescription, missing: readonly string[], send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof Error && missing.includes(error.name)) return undefined;
    throw rdsPortError(error, call);
  }
}

export function fromDbSnapshot(snapshot: DBSnapshot): DatabaseSnapshot {
  return snapshotOf(snapshot.DBSnapshotIdentifier, { kind: 'instance', identifier: snapshot.DBInstanceIdentifier ?? '' }, snapshot);
}

export function fromDbClusterSnapshot(snapshot: DBClusterSnapshot): DatabaseSnapshot {
  return snapshotOf(snapshot.DBClusterSnapshotIdentifier, { kind: 'cluster', identifier: snapshot.DBClusterIdentifier ?? '' }, snapshot);
}

function snapshotOf(
  identifier: string | undefined,
  database: DatabaseSnapshot['database'],
  fields: { Status?: string; PercentProgress?: number; SnapshotCreateTime?: Date },
): DatabaseSnapshot {
  return {
    identifier: identifier ?? '',
    database,
    status: fields.Status ?? 'unknown',
    ...(fields.PercentProgress !== undefined ? { progressPercent: fields.PercentProgress } : {}),
    ...(fields.SnapshotCreateTime ? { createdAt: fields.SnapshotCreateTime } : {}),
  };
}
