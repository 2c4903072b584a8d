import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SANDBOX_KUBE_TOKEN } from './kube/kube-auth.js';

const CLUSTER = 'shipmate-sandbox';
const USER = 'shipmate-sandbox';

/**
 * A kubeconfig for the sandbox's API server: one cluster, one user with the
 * sandbox's fixed bearer token, and one context per entry of `contexts`
 * (context name → namespace). The first context is the current one.
 * TLS verification is off because the sandbox serves plain http, which
 * @kubernetes/client-node only allows with insecure-skip-tls-verify.
 */
export function sandboxKubeconfigYaml(serverUrl: string, contexts: Record<string, string>): string {
  const names = Object.keys(contexts);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CLUSTER, cluster: { server: serverUrl, 'insecure-skip-tls-verify': true } }],
    users: [{ name: USER, user: { token: SANDBOX_KUBE_TOKEN } }],
    contexts: names.map((name) => ({ name, context: { cluster: CLUSTER, user: USER, namespace: contexts[name] } })),
    'current-context': names[0] ?? '',
    preferences: {},
  });
}

/** Writes that kubeconfig to `dir`/kubeconfig (owner-only, as kubectl does) and returns its path. */
export function writeSandboxKubeconfig(dir: string, serverUrl: string, contexts: Record<string, string>): string {
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, sandboxKubeconfigYaml(serverUrl, contexts), { mode: 0o600 });
  return path;
}
