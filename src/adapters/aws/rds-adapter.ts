import {
  CreateDBClusterSnapshotCommand,
  CreateDBSnapshotCommand,
  DescribeDBClustersCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { PortError } from '../../ports/port-error.js';
import type { DatabaseRef, DatabaseSnapshotsPort } from '../../ports/database-snapshots.port.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';
import { callRds, fromDbClusterSnapshot, fromDbSnapshot } from './rds-mapping.js';

/** RDS through the AWS SDK: endpoint and credentials as for every AWS adapter (AWS_ENDPOINT_URL_RDS, the `endpoint` option). */
export function createDatabaseSnapshotsPort(options: AwsAdapterOptions): DatabaseSnapshotsPort {
  const client = new RDSClient(awsClientConfig(options));
  const endpoint = describeEndpoint(options, 'RDS');
  const call = (operation: string) => ({ system: 'RDS', operation, endpoint });

  return {
    async databaseStatus(database) {
      if (database.kind === 'instance') {
        const output = await callRds(call('DescribeDBInstances'), ['DBInstanceNotFoundFault'], () =>
          client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: database.identifier })),
        );
        return output?.DBInstances?.[0]?.DBInstanceStatus;
      }
      const output = await callRds(call('DescribeDBClusters'), ['DBClusterNotFoundFault'], () =>
        client.send(new DescribeDBClustersCommand({ DBClusterIdentifier: database.identifier })),
      );
      return output?.DBClusters?.[0]?.Status;
    },

    async createSnapshot(database, identifier) {
      if (database.kind === 'instance') {
        const output = await callRds(call('CreateDBSnapshot'), [], () =>
          client.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: database.identifier, DBSnapshotIdentifier: identifier })),
        );
        return fromDbSnapshot(required(output?.DBSnapshot, 'CreateDBSnapshot', database));
      }
      const output = await callRds(call('CreateDBClusterSnapshot'), [], () =>
        client.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: database.identifier, DBClusterSnapshotIdentifier: identifier })),
      );
      return fromDbClusterSnapshot(required(output?.DBClusterSnapshot, 'CreateDBClusterSnapshot', database));
    },

    async getSnapshot(database, identifier) {
      if (database.kind === 'instance') {
        const output = await callRds(call('DescribeDBSnapshots'), ['DBSnapshotNotFoundFault'], () =>
          client.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: identifier })),
        );
        const snapshot = output?.DBSnapshots?.[0];
        return snapshot ? fromDbSnapshot(snapshot) : undefined;
      }
      const output = await callRds(call('DescribeDBClusterSnapshots'), ['DBClusterSnapshotNotFoundFault'], () =>
        client.send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: identifier })),
      );
      const snapshot = output?.DBClusterSnapshots?.[0];
      return snapshot ? fromDbClusterSnapshot(snapshot) : undefined;
    },
  };
}

function required<T>(value: T | undefined, operation: string, database: DatabaseRef): T {
  if (value === undefined) throw new PortError('remote', `RDS ${operation}: no snapshot in the answer for ${database.kind} ${database.identifier}`);
  return value;
}
