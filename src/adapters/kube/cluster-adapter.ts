import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  createConfiguration,
  NetworkingV1Api,
  ServerConfiguration,
  type Middleware,
} from '@kubernetes/client-node';
import type { ClusterPort, NetworkPolicy } from '../../ports/cluster.port.js';
import { jobOperations } from './cluster-jobs.js';
import { rolloutOperations } from './cluster-rollout.js';
import { PortError } from '../../ports/port-error.js';
import { isNotFoundOf, toPortError } from './kube-error.js';
import { loadKubeConfig, type KubeConfigOptions } from './load-kube-config.js';
import { metadataOnly, requestTimeout, userAgent } from './request-middleware.js';
import { SHIPMATE_USER_AGENT } from '../../shipmate-version.js';
import { toDeployment, toNetworkPolicy } from './to-domain.js';

export interface ClusterPortOptions extends KubeConfigOptions {
  /** A request without a complete answer by then fails as `unreachable`. Default 10 s. */
  requestTimeoutMs?: number;
  /** Items per page when listing (limit / continue), as kubectl's --chunk-size. Default 500. */
  listPageSize?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_SIZE = 500;

/**
 * The cluster as the domain reads it, through @kubernetes/client-node with the
 * credentials of a kubeconfig context or of the pod's service account.
 * Throws PortError('invalid') at once when that configuration is unusable;
 * with no kubeconfig at all, every call fails as `unauthorized`.
 */
export function createClusterPort(options: ClusterPortOptions = {}): ClusterPort {
  let loaded: ReturnType<typeof loadKubeConfig>;
  try {
    loaded = loadKubeConfig(options);
  } catch (error) {
    // No credentials at all: every call says so, and readiness reports its checks as `error` (exit 3), not a config error.
    if (error instanceof PortError && error.code === 'unauthorized') return unavailableCluster(error);
    throw error;
  }
  const { kubeConfig, serverUrl, server } = loaded;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pageSize = options.listPageSize ?? DEFAULT_PAGE_SIZE;
  const configuration = (...promiseMiddleware: Middleware[]) =>
    createConfiguration({
      baseServer: new ServerConfiguration(serverUrl, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [requestTimeout(timeoutMs), userAgent(SHIPMATE_USER_AGENT), ...promiseMiddleware],
    });
  const apps = new AppsV1Api(configuration());
  const networking = new NetworkingV1Api(configuration());
  const secretsMetadata = new CoreV1Api(configuration(metadataOnly()));
  const failure = (error: unknown, operation: string) => toPortError(error, { operation, server, timeoutMs });

  const core = new CoreV1Api(configuration());
  return {
    ...rolloutOperations({ kubeConfig, apps, core, failure }),
    ...jobOperations({ kubeConfig, batch: new BatchV1Api(configuration()), core, failure }),
    async getDeployment(namespace, name) {
      try {
        return toDeployment(await apps.readNamespacedDeployment({ name, namespace }));
      } catch (error) {
        if (isNotFoundOf(error, name)) return undefined;
        throw failure(error, `get deployment ${namespace}/${name}`);
      }
    },

    async secretExists(namespace, name) {
      try {
        await secretsMetadata.readNamespacedSecret({ name, namespace });
        return true;
      } catch (error) {
        if (isNotFoundOf(error, name)) return false;
        throw failure(error, `get secret ${namespace}/${name}`);
      }
    },

    async listNetworkPolicies(namespace) {
      const operation = `list networkpolicies in ${namespace}`;
      const policies: NetworkPolicy[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await networking.listNamespacedNetworkPolicy({
            namespace,
            limit: pageSize,
            ...(token ? { _continue: token } : {}),
          });
          policies.push(...page.items.map((policy) => toNetworkPolicy(policy)));
          const next = page.metadata?._continue || undefined;
          if (next !== undefined && next === token) {
            throw new PortError('remote', `Kubernetes ${operation} failed: the API server repeated its continue token`);
          }
          token = next;
        } while (token);
      } catch (error) {
        throw failure(error, operation);
      }
      return policies;
    },
  };
}

function unavailableCluster(error: PortError): ClusterPort {
  const fail = () => Promise.reject(error);
  return {
    getDeployment: fail,
    secretExists: fail,
    listNetworkPolicies: fail,
    setContainerImage: fail,
    watchDeployment: fail,
    watchPods: fail,
    listPods: fail,
    listReplicaSets: fail,
    listEvents: fail,
    createJob: fail,
    getJob: fail,
    watchJob: fail,
    readPodLog: fail,
    deleteJob: fail,
  };
}
