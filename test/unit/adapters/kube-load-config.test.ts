import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../../src/adapters/kube/load-kube-config.js';
import { PortError } from '../../../src/ports/port-error.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipmate-kube-load-'));
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function kubeconfig(options: { server?: string; skipTls?: boolean; contextCluster?: string; currentContext?: string } = {}): string {
  const path = join(dir, 'config');
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'prod',
          cluster: { server: options.server ?? 'https://k8s.example.com:6443', ...(options.skipTls ? { 'insecure-skip-tls-verify': true } : {}) },
        },
      ],
      users: [{ name: 'ci', user: { token: 'kube-token-value' } }],
      contexts: [
        { name: 'prod', context: { cluster: options.contextCluster ?? 'prod', user: 'ci' } },
        { name: 'other', context: { cluster: 'prod', user: 'ci' } },
      ],
      'current-context': options.currentContext ?? 'prod',
    }),
  );
  return path;
}

function invalidError(load: () => unknown): PortError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('invalid');
    return error as PortError;
  }
  throw new Error('expected loadKubeConfig to throw');
}

describe('loadKubeConfig', () => {
  it('given a kubeconfig and one of its contexts, when loading, then that context is current and its server known', () => {
    const loaded = loadKubeConfig({ kubeconfigPath: kubeconfig(), context: 'other' });

    expect(loaded.kubeConfig.getCurrentContext()).toBe('other');
    expect(loaded.server).toBe('https://k8s.example.com:6443');
  });

  it('given a context the kubeconfig does not have, when loading, then it is invalid and names context, file and known contexts', () => {
    const path = kubeconfig();

    const error = invalidError(() => loadKubeConfig({ kubeconfigPath: path, context: 'staging' }));

    expect(error.message).toBe(`Kubernetes context "staging" not found in kubeconfig ${path} (it has prod, other)`);
  });

  it('given no context and a current-context the kubeconfig does not define, when loading, then it is invalid and says so', () => {
    const error = invalidError(() => loadKubeConfig({ kubeconfigPath: kubeconfig({ currentContext: 'gone' }) }));
    expect(error.message).toContain('names current-context "gone", which it does not define');
  });

  it('given a kubeconfig file that does not exist, when loading, then it is invalid and names the file', () => {
    const path = join(dir, 'missing');
    expect(invalidError(() => loadKubeConfig({ kubeconfigPath: path })).message).toBe(`cannot load kubeconfig ${path}: ENOENT`);
  });

  it('given a context whose cluster is not defined, when loading, then it is invalid and names the cluster', () => {
    const error = invalidError(() => loadKubeConfig({ kubeconfigPath: kubeconfig({ contextCluster: 'gone' }) }));
    expect(error.message).toContain('names cluster "gone"');
  });

  it('given a plain-http server without insecure-skip-tls-verify, when loading, then it is invalid up front', () => {
    const error = invalidError(() => loadKubeConfig({ kubeconfigPath: kubeconfig({ server: 'http://127.0.0.1:8080' }) }));
    expect(error.message).toContain('insecure-skip-tls-verify');
    expect(loadKubeConfig({ kubeconfigPath: kubeconfig({ server: 'http://127.0.0.1:8080', skipTls: true }) }).server).toBe('http://127.0.0.1:8080');
  });

  it('given a server URL with credentials, when loading, then messages get it without them', () => {
    const loaded = loadKubeConfig({ kubeconfigPath: kubeconfig({ server: 'https://admin:hunter2@k8s.example.com' }) });

    expect(loaded.server).toBe('https://k8s.example.com');
    expect(loaded.serverUrl).toBe('https://admin:hunter2@k8s.example.com');
  });

  it('given KUBECONFIG and no path, when loading, then KUBECONFIG is read', () => {
    vi.stubEnv('KUBECONFIG', kubeconfig({ server: 'https://from-env.example.com' }));
    expect(loadKubeConfig({ context: 'prod' }).server).toBe('https://from-env.example.com');
  });

  it('given no KUBECONFIG and no ~/.kube/config, when loading, then it has no credentials instead of falling back to localhost', () => {
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', dir);
    expect(() => loadKubeConfig({})).toThrow(expect.objectContaining({ code: 'unauthorized', message: expect.stringContaining('no kubeconfig found') }));
  });

  it('given inCluster outside a pod, when loading, then it is invalid and says why', () => {
    vi.stubEnv('KUBERNETES_SERVICE_HOST', '');
    expect(invalidError(() => loadKubeConfig({ inCluster: true })).message).toContain('KUBERNETES_SERVICE_HOST');
  });

  it('given inCluster and a context together, when loading, then it is invalid', () => {
    expect(invalidError(() => loadKubeConfig({ inCluster: true, context: 'prod' })).message).toContain('not both');
  });
});
