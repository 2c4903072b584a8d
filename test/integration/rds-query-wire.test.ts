import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_LEDGER_DIR_VARIABLE } from '../../src/sandbox/sandbox-state.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

/**
 * The sandbox's RDS Query protocol on the wire, as an operator's client sees
 * it: form-encoded POSTs, XML answers, errors in RDS's <ErrorResponse> with
 * the API reference's codes and statuses. (The SDK's own reading of them is
 * in aws-rds-adapter.test.ts.)
 */

const SIGNED = 'AWS4-HMAC-SHA256 Credential=SANDBOXFAKEACCESSKEY/20260302/eu-west-1/rds/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd';
const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
let sandbox: Sandbox;

beforeEach(async () => {
  // The calls here are an operator's, not shipmate's; keep them out of the run's permission ledger.
  vi.stubEnv(CALL_LEDGER_DIR_VARIABLE, '');
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await sandbox.close();
});

async function query(params: Record<string, string>, headers: Record<string, string> = { authorization: SIGNED }) {
  const response = await fetch(sandbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body: new URLSearchParams({ Version: '2014-10-31', ...params }).toString(),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), body: xml.parse(text) as Record<string, any>, text };
}

const errorOf = (answer: Awaited<ReturnType<typeof query>>) => ({
  status: answer.status,
  type: answer.body.ErrorResponse?.Error?.Type,
  code: answer.body.ErrorResponse?.Error?.Code,
});

describe("the sandbox's RDS Query protocol", () => {
  it('given CreateDBSnapshot, when it succeeds, then the answer is <CreateDBSnapshotResponse> in the 2014-10-31 namespace with the DBSnapshot and a RequestId', async () => {
    // when
    const answer = await query({ Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db', DBSnapshotIdentifier: 'shipmate-wire' });
    // then
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/xml');
    const response = answer.body.CreateDBSnapshotResponse;
    expect(response['@_xmlns']).toBe('http://rds.amazonaws.com/doc/2014-10-31/');
    expect(response.CreateDBSnapshotResult.DBSnapshot).toMatchObject({
      DBSnapshotIdentifier: 'shipmate-wire',
      DBInstanceIdentifier: 'shop-staging-db',
      Status: 'creating',
      SnapshotType: 'manual',
      DBSnapshotArn: 'arn:aws:rds:eu-west-1:111122223333:snapshot:shipmate-wire',
    });
    expect(response.ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('given an unknown instance, when it is snapshotted, then 404 <ErrorResponse> with Type Sender, Code DBInstanceNotFound, a Message and a RequestId', async () => {
    const answer = await query({ Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'no-such-db', DBSnapshotIdentifier: 'shipmate-x' });
    expect(errorOf(answer)).toEqual({ status: 404, type: 'Sender', code: 'DBInstanceNotFound' });
    expect(answer.body.ErrorResponse.Error.Message).toBe('DBInstance no-such-db not found.');
    expect(answer.body.ErrorResponse.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.type).toBe('text/xml');
  });

  it.each([
    ['a second snapshot by one identifier', 400, 'DBSnapshotAlreadyExists', { Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db', DBSnapshotIdentifier: 'shipmate-dup' }],
    ['a second cluster snapshot by one identifier', 400, 'DBClusterSnapshotAlreadyExistsFault', { Action: 'CreateDBClusterSnapshot', DBClusterIdentifier: 'shop-staging-aurora', DBClusterSnapshotIdentifier: 'shipmate-dup' }],
  ])('given %s, when it is created, then %i %s', async (_, status, code, params) => {
    await query(params);
    expect(errorOf(await query(params))).toEqual({ status, type: 'Sender', code });
  });

  it.each([
    ['an unknown cluster', 404, 'DBClusterNotFoundFault', { Action: 'CreateDBClusterSnapshot', DBClusterIdentifier: 'nope', DBClusterSnapshotIdentifier: 'shipmate-x' }],
    ['an unknown snapshot', 404, 'DBSnapshotNotFound', { Action: 'DescribeDBSnapshots', DBSnapshotIdentifier: 'nope' }],
    ['an unknown cluster snapshot', 404, 'DBClusterSnapshotNotFoundFault', { Action: 'DescribeDBClusterSnapshots', DBClusterSnapshotIdentifier: 'nope' }],
    ['an unknown instance described', 404, 'DBInstanceNotFound', { Action: 'DescribeDBInstances', DBInstanceIdentifier: 'nope' }],
    ['an unknown cluster described', 404, 'DBClusterNotFoundFault', { Action: 'DescribeDBClusters', DBClusterIdentifier: 'nope' }],
    ['no snapshot identifier', 400, 'MissingParameter', { Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db' }],
    ['an invalid snapshot identifier', 400, 'InvalidParameterValue', { Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db', DBSnapshotIdentifier: 'bad--id' }],
    ['an invalid cluster snapshot identifier', 400, 'InvalidParameterValue', { Action: 'CreateDBClusterSnapshot', DBClusterIdentifier: 'shop-staging-aurora', DBClusterSnapshotIdentifier: '9lives' }],
    ['MaxRecords under 20', 400, 'InvalidParameterValue', { Action: 'DescribeDBSnapshots', MaxRecords: '5' }],
    ['a Marker it never handed out', 400, 'InvalidParameterValue', { Action: 'DescribeDBSnapshots', Marker: 'forged' }],
    ['an action it does not know', 400, 'InvalidAction', { Action: 'DeleteDBInstance', DBInstanceIdentifier: 'shop-staging-db' }],
  ])('given %s, then %i %s', async (_, status, code, params) => {
    expect(errorOf(await query(params))).toEqual({ status, type: 'Sender', code });
  });

  it.each([
    ['no Authorization header', {}, 403, 'MissingAuthenticationToken'],
    ['a credential scoped to another service', { authorization: SIGNED.replace('/rds/', '/ec2/') }, 403, 'SignatureDoesNotMatch'],
    ['an Authorization header without a signature', { authorization: 'AWS4-HMAC-SHA256 Credential=SANDBOXFAKEACCESSKEY/20260302/eu-west-1/rds/aws4_request' }, 400, 'IncompleteSignature'],
  ])('given %s, when RDS is called, then %i %s', async (_, headers, status, code) => {
    const answer = await query({ Action: 'DescribeDBInstances' }, headers);
    expect(errorOf(answer)).toEqual({ status, type: 'Sender', code });
  });

  it('given more snapshots than MaxRecords, when they are described, then a Marker leads to the rest', async () => {
    // given
    for (let i = 0; i < 25; i++) await query({ Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db', DBSnapshotIdentifier: `shipmate-${i}` });
    // when
    const first = (await query({ Action: 'DescribeDBSnapshots', MaxRecords: '20' })).body.DescribeDBSnapshotsResponse.DescribeDBSnapshotsResult;
    const second = (await query({ Action: 'DescribeDBSnapshots', MaxRecords: '20', Marker: first.Marker })).body.DescribeDBSnapshotsResponse.DescribeDBSnapshotsResult;
    // then
    expect(first.DBSnapshots.DBSnapshot).toHaveLength(20);
    expect(second.DBSnapshots.DBSnapshot.map((s: { DBSnapshotIdentifier: string }) => s.DBSnapshotIdentifier)).toEqual(['shipmate-20', 'shipmate-21', 'shipmate-22', 'shipmate-23', 'shipmate-24']);
    expect(second.Marker).toBeUndefined();
  });

  it('given an injected 503 on DescribeDBSnapshots, when it is called, then the outage is answered in the XML error shape', async () => {
    sandbox.state.faults.add({ system: 'aws', operation: /^DescribeDBSnapshots$/, mode: { kind: 'status', status: 503 }, times: 1 });
    const answer = await query({ Action: 'DescribeDBSnapshots' });
    expect(errorOf(answer)).toEqual({ status: 503, type: 'Receiver', code: 'ServiceUnavailable' });
    expect((await query({ Action: 'DescribeDBSnapshots' })).status).toBe(200);
  });

  it("given shipmate's User-Agent, when it snapshots, then the permission rds:CreateDBSnapshot is noted; an operator's call is only recorded", async () => {
    await query({ Action: 'CreateDBSnapshot', DBInstanceIdentifier: 'shop-staging-db', DBSnapshotIdentifier: 'shipmate-a' }, { authorization: SIGNED, 'user-agent': 'aws-sdk-js/3 shipmate/0.1.0' });
    await query({ Action: 'DescribeDBSnapshots' });
    expect(sandbox.state.permissions).toEqual([{ system: 'aws', action: 'rds:CreateDBSnapshot' }]);
    expect(sandbox.state.callsTo('rds').map((c) => c.operation)).toEqual(['CreateDBSnapshot', 'DescribeDBSnapshots']);
  });

  it('given a form POST of another API version, when it reaches the sandbox, then RDS leaves it alone', async () => {
    const answer = await query({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect(answer.status).toBe(404);
    expect(sandbox.state.callsTo('rds')).toEqual([]);
  });
});
