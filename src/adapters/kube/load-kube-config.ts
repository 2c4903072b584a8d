import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { PortError } from '../../ports/port-error.js';
import { SHIPMATE_USER_AGENT } from '../../shipmate-version.js';
import { SharedAgents } from './shared-agents.js';

/** Requests and watches share keep-alive agents (SharedAgents); watches take shipmate's User-Agent from here (the typed clients from a middleware). */
class ShipmateKubeConfig extends KubeConfig {
  private readonly agents = new SharedAgents();

  override async applyToHTTPSOptions(opts: Parameters<KubeConfig['applyToHTTPSOptions']>[0]): Promise<void> {
    await super.applyToHTTPSOptions(opts);
    if (opts.agent instanceof http.Agent) opts.agent = this.agents.shared(opts.agent);
    opts.headers = { ...opts.headers, 'User-Agent': SHIPMATE_USER_AGENT };
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const agent = context.getAgent();
    if (agent) context.setAgent(this.agents.shared(agent));
  }
}

export interface KubeConfigOptions {
  /** A context of the kubeconfig; its current-context when left out. */
  context?: string;
  /** Use the pod's service account instead of a kubeconfig. */
  inCluster?: boolean;
  /** A kubeconfig file; $KUBECONFIG or ~/.kube/config when left out. */
  kubeconfigPath?: string;
}

export interface LoadedKubeConfig {
  kubeConfig: KubeConfig;
  /** The API server's URL, as requests go to it. */
  serverUrl: string;
  /** The same URL without any user:password part, for messages. */
  server: string;
}

/**
 * A KubeConfig whose current context is the one asked for, checked up front
 * so that a wrong context or kubeconfig is reported once, clearly, as
 * `invalid`, instead of as a puzzling failure of every request.
 */
export function loadKubeConfig(options: KubeConfigOptions): LoadedKubeConfig {
  const kubeConfig = new ShipmateKubeConfig();
  const source = options.inCluster ? loadInCluster(kubeConfig, options) : loadFromFiles(kubeConfig, options);

  if (options.context) {
    if (!kubeConfig.getContextObject(options.context)) {
      const known = kubeConfig.getContexts().map((c) => c.name);
      const listing = known.length > 0 ? `it has ${known.join(', ')}` : 'it has no contexts';
      throw new PortError('invalid', `Kubernetes context "${options.context}" not found in kubeconfig ${source} (${listing})`);
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const contextName = kubeConfig.getCurrentContext();
  const context = kubeConfig.getContextObject(contextName);
  if (!context) {
    const problem = contextName ? `names current-context "${contextName}", which it does not define` : 'has no current-context';
    throw new PortError('invalid', `kubeconfig ${source} ${problem}; name a Kubernetes context in shipmate's config`);
  }
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new PortError(
      'invalid',
      `Kubernetes context "${context.name}" in ${source} names cluster "${context.cluster}", which is not defined there`,
    );
  }
  const server = withoutCredentials(cluster.server);
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    throw new PortError(
      'invalid',
      `Kubernetes cluster "${cluster.name}" in ${source} uses plain http (${server}); ` +
        'client-node only allows that with insecure-skip-tls-verify: true',
    );
  }
  return { kubeConfig, serverUrl: cluster.server, server };
}

function loadInCluster(kubeConfig: KubeConfig, options: KubeConfigOptions): string {
  const env = process.env;
  if (options.context) throw new PortError('invalid', 'set either a Kubernetes context or inCluster, not both');
  if (!env.KUBERNETES_SERVICE_HOST || !env.KUBERNETES_SERVICE_PORT) {
    throw new PortError(
      'invalid',
      'in-cluster Kubernetes access needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which are set only inside a pod',
    );
  }
  kubeConfig.loadFromCluster();
  return 'the in-cluster service account config';
}

/** Loads the kubeconfig and returns how to name it in messages (its path). */
function loadFromFiles(kubeConfig: KubeConfig, options: KubeConfigOptions): string {
  const env = process.env;
  const defaultPath = join(homedir(), '.kube', 'config');
  const source = options.kubeconfigPath ?? (env.KUBECONFIG || defaultPath);
  // loadFromDefault would silently fall back to http://localhost:8080 when there is no kubeconfig at all.
  if (!options.kubeconfigPath && !env.KUBECONFIG && !existsSync(defaultPath)) {
    // No kubeconfig at all is missing credentials (a CI runner without cluster access), not a wrong config.
    throw new PortError('unauthorized', `no kubeconfig found: set KUBECONFIG, create ${defaultPath}, or use inCluster`);
  }
  try {
    if (options.kubeconfigPath) kubeConfig.loadFromFile(options.kubeconfigPath);
    else kubeConfig.loadFromDefault();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    throw new PortError('invalid', `cannot load kubeconfig ${source}: ${code ?? (message ?? String(error)).split('\n')[0]}`);
  }
  return source;
}

function withoutCredentials(server: string): string {
  try {
    const url = new URL(server);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return server;
  }
}
