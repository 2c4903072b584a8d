import { RDSServiceException } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { callRds, fromDbClusterSnapshot, fromDbSnapshot, rdsPortError } from '../../../src/adapters/aws/rds-mapping.js';
import { SnapshotExistsError } from '../../../src/ports/database-snapshots.port.js';
import { PortError } from '../../../src/ports/port-error.js';

const call = { system: 'RDS', operation: 'CreateDBSnapshot', endpoint: 'rds.eu-west-1.amazonaws.com' };

function rdsError(name: string, message: string, httpStatusCode = 400): RDSServiceException {
  return new RDSServiceException({ name, $fault: 'client', message, $metadata: { httpStatusCode, attempts: 1 } });
}

describe('rdsPortError', () => {
  it.each(['DBSnapshotAlreadyExistsFault', 'DBClusterSnapshotAlreadyExistsFault'])(
    'given %s, when mapped, then a SnapshotExistsError, so a resumed release looks the snapshot up instead of failing',
    (name) => {
      const error = rdsPortError(rdsError(name, 'Cannot create the snapshot because a snapshot with the identifier s1 already exists.'), call);
      expect(error).toBeInstanceOf(SnapshotExistsError);
      expect(error.code).toBe('invalid');
      expect(error.message).toBe(`RDS CreateDBSnapshot: ${name}: Cannot create the snapshot because a snapshot with the identifier s1 already exists.`);
    },
  );

  it.each([
    ['DBInstanceNotFoundFault', 'DBInstance db1 not found.', 404],
    ['DBClusterNotFoundFault', 'DBCluster c1 not found.', 404],
    ['InvalidDBInstanceStateFault', 'not available', 400],
    ['InvalidDBClusterStateFault', 'not available', 400],
    ['InvalidParameterValue', 'The parameter DBSnapshotIdentifier is not a valid identifier.', 400],
    ['InvalidParameterCombination', 'cannot be used together', 400],
    ['MissingParameter', 'The request must contain the parameter DBSnapshotIdentifier', 400],
  ])('given %s, when mapped, then the request is rejected as invalid, quoting RDS', (name, message, status) => {
    const error = rdsPortError(rdsError(name, message, status), call);
    expect(error).not.toBeInstanceOf(SnapshotExistsError);
    expect({ code: error.code, message: error.message }).toEqual({ code: 'invalid', message: `RDS CreateDBSnapshot: request rejected (${name}: ${message})` });
  });

  it('given SnapshotQuotaExceededFault, when mapped, then limit_exceeded', () => {
    const error = rdsPortError(rdsError('SnapshotQuotaExceededFault', 'The request would exceed the allowed number of DB snapshots.'), call);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'limit_exceeded',
      message: 'RDS CreateDBSnapshot: SnapshotQuotaExceededFault: The request would exceed the allowed number of DB snapshots.',
    });
  });

  it.each([
    ['AccessDenied', 403, 'forbidden'],
    ['Throttling', 400, 'throttled'],
    ['SignatureDoesNotMatch', 403, 'unauthorized'],
    ['InternalFailure', 500, 'remote'],
  ])('given %s (HTTP %i), when mapped, then the shared AWS mapping decides: %s', (name, status, code) => {
    expect(rdsPortError(rdsError(name, 'text', status), call).code).toBe(code);
  });

  it('given a socket failure, when mapped, then unreachable, naming the endpoint', () => {
    const error = rdsPortError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), call);
    expect({ code: error.code, message: error.message }).toEqual({ code: 'unreachable', message: 'RDS CreateDBSnapshot: cannot reach rds.eu-west-1.amazonaws.com (connection refused)' });
  });
});

describe('callRds', () => {
  it('given a call that fails with an exception named missing, then undefined; any other failure is a PortError', async () => {
    const notFound = () => Promise.reject(rdsError('DBSnapshotNotFoundFault', 'DBSnapshot not found: s1', 404));
    expect(await callRds(call, ['DBSnapshotNotFoundFault'], notFound)).toBeUndefined();
    await expect(callRds(call, [], notFound)).rejects.toBeInstanceOf(PortError);
    expect(await callRds(call, [], () => Promise.resolve('answer'))).toBe('answer');
  });
});

describe('snapshots as the port sees them', () => {
  it('given a DBSnapshot being taken, then its status and progress, and no creation time yet', () => {
    expect(fromDbSnapshot({ DBSnapshotIdentifier: 's1', DBInstanceIdentifier: 'db1', Status: 'creating', PercentProgress: 40 })).toEqual({
      identifier: 's1',
      database: { kind: 'instance', identifier: 'db1' },
      status: 'creating',
      progressPercent: 40,
    });
  });

  it('given a DBClusterSnapshot taken, then its creation time', () => {
    const taken = new Date('2026-03-02T10:02:00Z');
    expect(fromDbClusterSnapshot({ DBClusterSnapshotIdentifier: 's2', DBClusterIdentifier: 'c1', Status: 'available', PercentProgress: 100, SnapshotCreateTime: taken })).toEqual({
      identifier: 's2',
      database: { kind: 'cluster', identifier: 'c1' },
      status: 'available',
      progressPercent: 100,
      createdAt: taken,
    });
  });

  it('given a snapshot RDS describes without a status, then its status is unknown rather than taken for available', () => {
    expect(fromDbSnapshot({ DBSnapshotIdentifier: 's3', DBInstanceIdentifier: 'db1' }).status).toBe('unknown');
  });
});
