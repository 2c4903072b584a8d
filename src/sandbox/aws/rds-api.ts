import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import { pageOf } from './paging.js';
import { RdsError, xmlList, type RdsInput, type XmlFields } from './rds-query.js';
import { rdsSnapshotsOf, type SandboxSnapshot, type SnapshotSource } from './rds-snapshots.js';
import { dbClusterSnapshotView, dbClusterView, dbInstanceView, dbSnapshotView, rdsArn } from './rds-views.js';

export interface RdsCall {
  state: SandboxState;
  input: RdsInput;
  /** The sandbox clock's time for this call, in epoch ms. */
  now: number;
}

/** Answers one action with the members of its `<Action>Result`, or throws an RdsError. */
export type RdsOperation = (call: RdsCall) => XmlFields;

const IDENTIFIER = /^[a-z][a-z0-9-]{0,254}$/i;
const IDENTIFIER_RULES =
  'Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.';

/** A snapshot identifier as RDS takes it: checked against the API reference's constraints, then stored in lower case. */
function snapshotIdentifier(input: RdsInput, name: string): string {
  const value = input.required(name);
  if (!IDENTIFIER.test(value) || value.endsWith('-') || value.includes('--')) {
    throw new RdsError('InvalidParameterValue', `The parameter ${name} is not a valid identifier. ${IDENTIFIER_RULES}`);
  }
  return value.toLowerCase();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function instanceOf(world: World, identifier: string): SnapshotSource & { kind: 'instance' } {
  const database = world.rds?.instances.find((i) => same(i.identifier, identifier));
  if (!database) throw new RdsError('DBInstanceNotFound', `DBInstance ${identifier} not found.`, 404);
  return { kind: 'instance', database };
}

function clusterOf(world: World, identifier: string): SnapshotSource & { kind: 'cluster' } {
  const database = world.rds?.clusters.find((c) => same(c.identifier, identifier));
  if (!database) throw new RdsError('DBClusterNotFoundFault', `DBCluster ${identifier} not found.`, 404);
  return { kind: 'cluster', database };
}

/** One page of a Describe call, with RDS's Marker. */
function page<T>(items: readonly T[], input: RdsInput, scope: string): { items: T[]; Marker?: string } {
  if (input.has('Filters')) throw new RdsError('InvalidParameterValue', 'The sandbox does not implement Filters; name the resource instead.');
  const marker = input.optional('Marker');
  const request = { pageSize: input.maxRecords(), scope, ...(marker ? { nextToken: marker } : {}) };
  const { items: pageItems, nextToken } = pageOf(items, request, () => new RdsError('InvalidParameterValue', `Invalid marker: ${marker}`));
  return { items: pageItems, ...(nextToken ? { Marker: nextToken } : {}) };
}

const createDBSnapshot: RdsOperation = ({ state, input, now }) => {
  const identifier = snapshotIdentifier(input, 'DBSnapshotIdentifier');
  const source = instanceOf(state.world, input.required('DBInstanceIdentifier'));
  const status = source.database.status ?? 'available';
  if (status !== 'available' && status !== 'storage-optimization') {
    throw new RdsError('InvalidDBInstanceState', `Cannot create a snapshot because the database instance ${source.database.identifier} is not currently in the available state.`);
  }
  const snapshots = rdsSnapshotsOf(state);
  if (snapshots.instance.has(identifier)) {
    throw new RdsError('DBSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${identifier} already exists.`);
  }
  return { DBSnapshot: dbSnapshotView(state.world, snapshots.start(state, identifier, source, now), now) };
};

const createDBClusterSnapshot: RdsOperation = ({ state, input, now }) => {
  const identifier = snapshotIdentifier(input, 'DBClusterSnapshotIdentifier');
  const source = clusterOf(state.world, input.required('DBClusterIdentifier'));
  if ((source.database.status ?? 'available') !== 'available') {
    throw new RdsError('InvalidDBClusterStateFault', `DBCluster ${source.database.identifier} is not in the available state.`);
  }
  const snapshots = rdsSnapshotsOf(state);
  if (snapshots.cluster.has(identifier)) {
    throw new RdsError('DBClusterSnapshotAlreadyExistsFault', `Cannot create the cluster snapshot because one with the identifier ${identifier} already exists.`);
  }
  return { DBClusterSnapshot: dbClusterSnapshotView(state.world, snapshots.start(state, identifier, source, now), now) };
};

/** The manual snapshots of one kind a Describe call selects; an unknown snapshot named outright is an error, an unknown database an empty list. */
function selected(state: SandboxState, input: RdsInput, kind: 'instance' | 'cluster'): SandboxSnapshot[] {
  const [idName, sourceName, notFound] =
    kind === 'instance'
      ? (['DBSnapshotIdentifier', 'DBInstanceIdentifier', 'DBSnapshotNotFound'] as const)
      : (['DBClusterSnapshotIdentifier', 'DBClusterIdentifier', 'DBClusterSnapshotNotFoundFault'] as const);
  const identifier = input.optional(idName);
  const source = input.optional(sourceName);
  const type = input.optional('SnapshotType');
  const all = [...rdsSnapshotsOf(state).of(kind).values()];
  const matching = all.filter(
    (s) => (!identifier || same(s.identifier, identifier)) && (!source || same(s.source.database.identifier, source)) && (!type || type === 'manual'),
  );
  if (identifier && matching.length === 0) {
    throw new RdsError(notFound, `${kind === 'instance' ? 'DBSnapshot' : 'DBClusterSnapshot'} not found: ${identifier}`, 404);
  }
  return matching;
}

const describeDBSnapshots: RdsOperation = ({ state, input, now }) => {
  const { items, Marker } = page(selected(state, input, 'instance'), input, 'DescribeDBSnapshots');
  return { Marker, DBSnapshots: xmlList('DBSnapshot', items.map((s) => dbSnapshotView(state.world, s, now))) };
};

const describeDBClusterSnapshots: RdsOperation = ({ state, input, now }) => {
  const { items, Marker } = page(selected(state, input, 'cluster'), input, 'DescribeDBClusterSnapshots');
  return { Marker, DBClusterSnapshots: xmlList('DBClusterSnapshot', items.map((s) => dbClusterSnapshotView(state.world, s, now))) };
};

const describeDBInstances: RdsOperation = ({ state, input }) => {
  const identifier = input.optional('DBInstanceIdentifier');
  const instances = identifier ? [instanceOf(state.world, identifier).database] : (state.world.rds?.instances ?? []);
  const { items, Marker } = page(instances, input, 'DescribeDBInstances');
  return { Marker, DBInstances: xmlList('DBInstance', items.map((i) => dbInstanceView(state.world, i))) };
};

const describeDBClusters: RdsOperation = ({ state, input }) => {
  const identifier = input.optional('DBClusterIdentifier');
  const clusters = identifier ? [clusterOf(state.world, identifier).database] : (state.world.rds?.clusters ?? []);
  const { items, Marker } = page(clusters, input, 'DescribeDBClusters');
  return { Marker, DBClusters: xmlList('DBCluster', items.map((c) => dbClusterView(state.world, c))) };
};

/** The RDS actions the sandbox speaks, by Query `Action`. */
export const RDS_OPERATIONS: Readonly<Record<string, RdsOperation>> = {
  CreateDBSnapshot: createDBSnapshot,
  CreateDBClusterSnapshot: createDBClusterSnapshot,
  DescribeDBSnapshots: describeDBSnapshots,
  DescribeDBClusterSnapshots: describeDBClusterSnapshots,
  DescribeDBInstances: describeDBInstances,
  DescribeDBClusters: describeDBClusters,
};

/** The resource an IAM denial of this call names. */
export function rdsResourceArn(world: World, action: string, input: RdsInput): string {
  const named = (type: Parameters<typeof rdsArn>[1], name: string) => {
    const value = input.optional(name);
    return value ? rdsArn(world, type, value.toLowerCase()) : undefined;
  };
  const resources: Record<string, string | undefined> = {
    CreateDBSnapshot: named('db', 'DBInstanceIdentifier'),
    CreateDBClusterSnapshot: named('cluster', 'DBClusterIdentifier'),
    DescribeDBSnapshots: named('snapshot', 'DBSnapshotIdentifier') ?? named('db', 'DBInstanceIdentifier'),
    DescribeDBClusterSnapshots: named('cluster-snapshot', 'DBClusterSnapshotIdentifier') ?? named('cluster', 'DBClusterIdentifier'),
    DescribeDBInstances: named('db', 'DBInstanceIdentifier'),
    DescribeDBClusters: named('cluster', 'DBClusterIdentifier'),
  };
  return resources[action] ?? '*';
}
