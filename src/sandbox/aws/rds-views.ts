import type { World, WorldDbCluster, WorldDbInstance } from '../world.js';
import { xmlList, type XmlFields } from './rds-query.js';
import { progressAt, type SandboxSnapshot } from './rds-snapshots.js';

/** RDS resource ARNs: `arn:aws:rds:<region>:<account>:<db|cluster|snapshot|cluster-snapshot>:<identifier>`. */
export const rdsArn = (world: World, type: 'db' | 'cluster' | 'snapshot' | 'cluster-snapshot', identifier: string): string =>
  `arn:aws:rds:${world.region}:${world.accountId}:${type}:${identifier}`;

/** When the sandbox's databases were created: a fixed instant, so answers are stable. */
const DATABASE_CREATED = new Date('2025-01-15T09:00:00.000Z');
const DEFAULT_STORAGE_GB = 20;
const VPC_ID = 'vpc-0sandbox0000000001';

const defaultPort = (engine: string): number => (engine.includes('mysql') || engine.includes('mariadb') ? 3306 : 5432);
const zoneOf = (world: World): string => `${world.region}a`;

export function dbInstanceView(world: World, instance: WorldDbInstance): XmlFields {
  return {
    DBInstanceIdentifier: instance.identifier,
    DBInstanceClass: 'db.t4g.medium',
    Engine: instance.engine,
    DBInstanceStatus: instance.status ?? 'available',
    AllocatedStorage: instance.allocatedStorageGb ?? DEFAULT_STORAGE_GB,
    InstanceCreateTime: DATABASE_CREATED,
    AvailabilityZone: zoneOf(world),
    EngineVersion: instance.engineVersion,
    StorageType: 'gp3',
    DBInstanceArn: rdsArn(world, 'db', instance.identifier),
    Endpoint: { Address: `${instance.identifier}.sandbox.${world.region}.rds.amazonaws.com`, Port: instance.port ?? defaultPort(instance.engine) },
  };
}

export function dbClusterView(world: World, cluster: WorldDbCluster): XmlFields {
  return {
    DBClusterIdentifier: cluster.identifier,
    Status: cluster.status ?? 'available',
    Engine: cluster.engine,
    EngineVersion: cluster.engineVersion,
    Port: cluster.port ?? defaultPort(cluster.engine),
    ClusterCreateTime: DATABASE_CREATED,
    AvailabilityZones: xmlList('AvailabilityZone', [zoneOf(world)]),
    DBClusterArn: rdsArn(world, 'cluster', cluster.identifier),
  };
}

/** A DBSnapshot element; SnapshotCreateTime appears once the snapshot has been taken, as RDS shows it. */
export function dbSnapshotView(world: World, snapshot: SandboxSnapshot, now: number): XmlFields {
  const { status, percent } = progressAt(snapshot, now);
  const instance = snapshot.source.database as WorldDbInstance;
  return {
    DBSnapshotIdentifier: snapshot.identifier,
    DBInstanceIdentifier: instance.identifier,
    SnapshotCreateTime: status === 'creating' ? undefined : new Date(snapshot.createdAt),
    Engine: instance.engine,
    AllocatedStorage: instance.allocatedStorageGb ?? DEFAULT_STORAGE_GB,
    Status: status,
    Port: instance.port ?? defaultPort(instance.engine),
    AvailabilityZone: zoneOf(world),
    VpcId: VPC_ID,
    InstanceCreateTime: DATABASE_CREATED,
    EngineVersion: instance.engineVersion,
    SnapshotType: 'manual',
    PercentProgress: percent,
    StorageType: 'gp3',
    Encrypted: true,
    DBSnapshotArn: rdsArn(world, 'snapshot', snapshot.identifier),
    TagList: xmlList('Tag', []),
  };
}

export function dbClusterSnapshotView(world: World, snapshot: SandboxSnapshot, now: number): XmlFields {
  const { status, percent } = progressAt(snapshot, now);
  const cluster = snapshot.source.database as WorldDbCluster;
  return {
    AvailabilityZones: xmlList('AvailabilityZone', [zoneOf(world)]),
    DBClusterSnapshotIdentifier: snapshot.identifier,
    DBClusterIdentifier: cluster.identifier,
    SnapshotCreateTime: status === 'creating' ? undefined : new Date(snapshot.createdAt),
    Engine: cluster.engine,
    Status: status,
    Port: cluster.port ?? defaultPort(cluster.engine),
    VpcId: VPC_ID,
    ClusterCreateTime: DATABASE_CREATED,
    EngineVersion: cluster.engineVersion,
    SnapshotType: 'manual',
    PercentProgress: percent,
    StorageEncrypted: true,
    DBClusterSnapshotArn: rdsArn(world, 'cluster-snapshot', snapshot.identifier),
    TagList: xmlList('Tag', []),
  };
}
