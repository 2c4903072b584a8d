import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import type { EnvironmentConfig, ShipmateConfig } from '../config/schema.js';
import type { ClusterPort } from '../ports/cluster.port.js';
import { PortError } from '../ports/port-error.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import { createCodeBuildPort } from './aws/codebuild-adapter.js';
import { createEcrPort } from './aws/ecr-adapter.js';
import { createQuotasPort } from './aws/quotas-adapter.js';
import { createHttpProbe } from './http/http-probe-adapter.js';
import { createClusterPort } from './kube/cluster-adapter.js';

/**
 * The real adapters for one environment. AWS credentials and endpoints come
 * from the SDK's own chain (AWS_PROFILE, AWS_ENDPOINT_URL_*, ...); Kubernetes
 * from $KUBECONFIG and the environment's context, or the service account.
 */
export function createReadinessPorts(config: ShipmateConfig, environment: string): ReadinessPorts {
  const env = config.environments[environment];
  if (!env) throw new ConfigError([`unknown environment "${environment}"`]);
  const aws = { region: env.aws.region };
  return {
    codebuild: createCodeBuildPort(aws),
    ecr: createEcrPort(aws),
    quotas: createQuotasPort(aws),
    cluster: clusterPortFor(environment, env.kubernetes),
    http: createHttpProbe(config.http.caFile ? { ca: readCa(config.http.caFile) } : {}),
  };
}

/** A kubeconfig or context that cannot be used is a configuration error, not a failed check. */
function clusterPortFor(environment: string, kubernetes: EnvironmentConfig['kubernetes']): ClusterPort {
  try {
    return createClusterPort({ ...(kubernetes.context ? { context: kubernetes.context } : {}), inCluster: kubernetes.inCluster });
  } catch (error) {
    if (error instanceof PortError && error.code === 'invalid') {
      throw new ConfigError([`environments.${environment}.kubernetes: ${error.message}`]);
    }
    throw error;
  }
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`http.caFile: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}
