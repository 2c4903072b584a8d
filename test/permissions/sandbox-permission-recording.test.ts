import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { SANDBOX_KUBE_TOKEN } from '../../src/sandbox/kube/kube-auth.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { appendLedgerEntry, CALL_LEDGER_DIR_VARIABLE, isShipmateClient } from '../../src/sandbox/sandbox-state.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { readLedger } from '../support/ledger.js';

/** How the sandbox tells shipmate's calls from a test's, and what it notes of them for the permission ledger. */

let sandbox: Sandbox;
let dir: string;

beforeEach(async () => {
  // This file's own calls stay out of the run's ledger; it checks the recording, not shipmate.
  vi.stubEnv(CALL_LEDGER_DIR_VARIABLE, '');
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-ledger-test-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const cluster = () => createClusterPort({ kubeconfigPath: writeSandboxKubeconfig(dir, sandbox.url, { staging: 'shop-staging' }), context: 'staging' });

describe('isShipmateClient', () => {
  it.each([
    ['aws-sdk-js/3.1141.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/ecr#3.1141.0 m/N,E,e shipmate/0.1.0', true],
    ['shipmate/0.1.0', true],
    ['aws-sdk-js/3.1141.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/ecr#3.1141.0', false],
    ['node-fetch/1.0 (+https://github.com/bitinn/node-fetch)', false],
    ['node', false],
    ['curl/8.5.0', false],
    [undefined, false],
  ])('given User-Agent %s, says %s', (userAgent, expected) => {
    expect(isShipmateClient(userAgent)).toBe(expected);
  });
});

describe('the permissions the sandbox notes', () => {
  it("given shipmate's cluster adapter, when it reads and follows a Deployment, then each verb is noted, and whether it named the object", async () => {
    // given
    const port = cluster();
    // when
    await port.getDeployment('shop-staging', 'backend');
    const stop = await port.watchDeployment('shop-staging', 'backend', () => undefined, () => undefined);
    await port.listPods('shop-staging', { app: 'backend' });
    stop();
    // then
    expect(sandbox.state.permissions).toEqual([
      { system: 'kubernetes', group: 'apps', resource: 'deployments', verb: 'get', byName: true },
      { system: 'kubernetes', group: 'apps', resource: 'deployments', verb: 'list', byName: true },
      { system: 'kubernetes', group: 'apps', resource: 'deployments', verb: 'watch', byName: true },
      { system: 'kubernetes', group: '', resource: 'pods', verb: 'list', byName: false },
    ]);
  });

  it("given shipmate's ECR adapter, when it looks up a repository, then the IAM action is noted", async () => {
    // when
    await createEcrPort({ region: 'eu-west-1', endpoint: sandbox.url, credentials: SANDBOX_AWS_CREDENTIALS, maxAttempts: 1 }).getRepository('shop/backend');
    // then
    expect(sandbox.state.permissions).toEqual([{ system: 'aws', action: 'ecr:DescribeRepositories' }]);
  });

  it('given a test calling the API as an operator would, with fetch, then nothing is noted, though the call is recorded', async () => {
    // when
    await fetch(`${sandbox.url}/api/v1/namespaces/shop-staging/secrets`, { headers: { authorization: `Bearer ${SANDBOX_KUBE_TOKEN}` } });
    // then
    expect(sandbox.state.permissions).toEqual([]);
    expect(sandbox.state.callsTo('kubernetes').map((c) => c.operation)).toEqual(['GET /api/v1/namespaces/shop-staging/secrets']);
  });
});

describe('the ledger file', () => {
  it('given a folder, when entries are appended, then each distinct one is written once, to a file of this process, and reads back', () => {
    // given
    const env = { [CALL_LEDGER_DIR_VARIABLE]: dir };
    // when
    appendLedgerEntry({ kind: 'permission', permission: { system: 'aws', action: 'codebuild:StartBuild' } }, env);
    appendLedgerEntry({ kind: 'permission', permission: { system: 'aws', action: 'codebuild:StartBuild' } }, env);
    appendLedgerEntry({ kind: 'test-file', path: 'test/unit/example.test.ts' }, env);
    // then
    expect(readdirSync(dir)).toEqual([`${process.pid}.jsonl`]);
    expect(readLedger(dir)).toEqual({
      permissions: [{ system: 'aws', action: 'codebuild:StartBuild' }],
      testFiles: new Set(['test/unit/example.test.ts']),
      suiteFiles: [],
    });
  });

  it('given no folder, when an entry is appended, then nothing is written anywhere', () => {
    appendLedgerEntry({ kind: 'test-file', path: 'test/unit/example.test.ts' }, {});
    expect(readdirSync(dir)).toEqual([]);
  });
});
