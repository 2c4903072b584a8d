import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sandboxKubeconfigYaml, writeSandboxKubeconfig } from '../../../src/sandbox/kubeconfig.js';

describe('sandbox kubeconfig', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('given two contexts, when rendering, then each maps to its namespace on the one sandbox cluster and user', () => {
    const config = parse(sandboxKubeconfigYaml('http://127.0.0.1:1234', { 'sandbox-staging': 'shop-staging', 'sandbox-production': 'shop-production' }));

    expect(config['current-context']).toBe('sandbox-staging');
    expect(config.clusters).toEqual([{ name: 'shipmate-sandbox', cluster: { server: 'http://127.0.0.1:1234', 'insecure-skip-tls-verify': true } }]);
    expect(config.users).toEqual([{ name: 'shipmate-sandbox', user: { token: 'sandbox-token' } }]);
    expect(config.contexts).toEqual([
      { name: 'sandbox-staging', context: { cluster: 'shipmate-sandbox', user: 'shipmate-sandbox', namespace: 'shop-staging' } },
      { name: 'sandbox-production', context: { cluster: 'shipmate-sandbox', user: 'shipmate-sandbox', namespace: 'shop-production' } },
    ]);
  });

  it('given a directory, when writing, then the file is there, readable by its owner only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipmate-kubeconfig-'));
    dirs.push(dir);

    const path = writeSandboxKubeconfig(dir, 'http://127.0.0.1:1234', { 'sandbox-staging': 'shop-staging' });

    expect(path).toBe(join(dir, 'kubeconfig'));
    expect(parse(readFileSync(path, 'utf8')).contexts).toHaveLength(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
