import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReadinessPorts, loadReadinessPorts } from '../../../src/adapters/create-readiness-ports.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { exampleConfig } from '../app/policy-fixtures.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipmate-ports-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'only', cluster: { server: 'https://127.0.0.1:1' } }],
      users: [{ name: 'ci', user: { token: 'kube-token-value' } }],
      contexts: [{ name: 'only', context: { cluster: 'only', user: 'ci' } }],
      'current-context': 'only',
    }),
  );
  vi.stubEnv('KUBECONFIG', kubeconfig);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** The example config, whose staging context (sandbox-staging) the kubeconfig above does not have. */
const config = () => exampleConfig();

describe('the readiness ports of an environment', () => {
  it('the bot builds them without reading the kubeconfig; an unusable kubeconfig fails each cluster call with a ConfigError naming the environment', async () => {
    // given
    const ports = createReadinessPorts(config(), 'staging');

    // when
    const call = ports.cluster.getDeployment('shop-staging', 'backend');

    // then
    await expect(call).rejects.toBeInstanceOf(ConfigError);
    await expect(ports.cluster.listPods('shop-staging', {})).rejects.toThrow(/^environments\.staging\.kubernetes: Kubernetes context "sandbox-staging" not found/);
  });

  it('the Argo Rollouts port is built the same way: lazily, with the environment\'s kubeconfig context, an unusable one a ConfigError naming the environment', async () => {
    // given
    const ports = createReadinessPorts(config(), 'staging');
    // when
    const call = ports.rollouts.getRollout('shop-staging', 'checkout');
    // then
    await expect(call).rejects.toBeInstanceOf(ConfigError);
    await expect(ports.rollouts.listAnalysisRuns('shop-staging', 'checkout')).rejects.toThrow(/^environments\.staging\.kubernetes: Kubernetes context "sandbox-staging" not found/);
  });

  it('a one-shot command loads them up front: the same kubeconfig is a ConfigError before any check runs', async () => {
    // given / when
    const loading = loadReadinessPorts(config(), 'staging');

    // then
    await expect(loading).rejects.toThrow(/^environments\.staging\.kubernetes: Kubernetes context "sandbox-staging" not found/);
  });

  it('an unknown environment is a ConfigError at once, lazily or not', async () => {
    expect(() => createReadinessPorts(config(), 'qa')).toThrow(ConfigError);
    await expect(loadReadinessPorts(config(), 'qa')).rejects.toThrow('unknown environment "qa"');
  });
});
