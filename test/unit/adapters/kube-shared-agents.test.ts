import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../../src/adapters/kube/load-kube-config.js';
import { SharedAgents } from '../../../src/adapters/kube/shared-agents.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipmate-kube-agents-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A kubeconfig for an HTTPS API server whose CA is given inline, as EKS's are. */
function kubeconfig(): string {
  const path = join(dir, 'config');
  const ca = Buffer.from('-----BEGIN CERTIFICATE-----\nnot parsed until a connection\n-----END CERTIFICATE-----\n').toString('base64');
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'prod', cluster: { server: 'https://k8s.example.com:6443', 'certificate-authority-data': ca } }],
      users: [{ name: 'ci', user: { token: 'kube-token-value' } }],
      contexts: [{ name: 'prod', context: { cluster: 'prod', user: 'ci' } }],
      'current-context': 'prod',
    }),
  );
  return path;
}

const agentOf = (options: https.AgentOptions) => new https.Agent(options);

describe('kube requests share their agents', () => {
  it('given a kubeconfig with a CA, when three requests and a watch get their credentials, then all use one keep-alive agent', async () => {
    // given
    const { kubeConfig } = loadKubeConfig({ kubeconfigPath: kubeconfig() });
    const contexts = [1, 2, 3].map(() => new RequestContext('https://k8s.example.com:6443/api/v1/namespaces/shop/pods', HttpMethod.GET));
    const watchOptions: Parameters<typeof kubeConfig.applyToHTTPSOptions>[0] = {};

    // when
    for (const context of contexts) await kubeConfig.applySecurityAuthentication(context);
    await kubeConfig.applyToHTTPSOptions(watchOptions);

    // then
    const agents = new Set([...contexts.map((c) => c.getAgent()), watchOptions.agent]);
    expect(agents.size).toBe(1);
    const [agent] = agents as Set<https.Agent>;
    expect(agent).toBeInstanceOf(https.Agent);
    expect((agent as unknown as { keepAlive: boolean }).keepAlive).toBe(true);
    expect(agent!.options.ca).toBeDefined();
    expect(contexts[0]!.getHeaders().Authorization).toBe('Bearer kube-token-value');
  });

  it('given agents built with different CAs or kinds, when shared, then each distinct set of options has its own agent', () => {
    // given
    const shared = new SharedAgents();

    // when
    const first = shared.shared(agentOf({ ca: 'ca one' }));
    const again = shared.shared(agentOf({ ca: 'ca one' }));
    const other = shared.shared(agentOf({ ca: 'ca two' }));
    const plain = shared.shared(new http.Agent());

    // then
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(plain).not.toBeInstanceOf(https.Agent);
    expect(shared.size).toBe(3);
  });

  it('given more distinct settings than it keeps (rotated client certificates), when shared, then it holds at most eight agents', () => {
    // given
    const shared = new SharedAgents();

    // when
    for (let i = 0; i < 50; i++) shared.shared(agentOf({ ca: 'ca', cert: `certificate ${i}` }));

    // then
    expect(shared.size).toBe(8);
  });

  it('given an agent of another kind (a proxy), when shared, then it is left as built', () => {
    // given
    class ProxyAgent extends http.Agent {}
    const proxy = new ProxyAgent();

    // when
    const result = new SharedAgents().shared(proxy);

    // then
    expect(result).toBe(proxy);
  });
});
