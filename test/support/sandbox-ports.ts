import { createCodeBuildPort } from '../../src/adapters/aws/codebuild-adapter.js';
import { createEcrPort } from '../../src/adapters/aws/ecr-adapter.js';
import { createEcsPort } from '../../src/adapters/aws/ecs-adapter.js';
import { createSecretsPort } from '../../src/adapters/aws/secrets-adapter.js';
import { createQuotasPort } from '../../src/adapters/aws/quotas-adapter.js';
import { createHttpProbe } from '../../src/adapters/http/http-probe-adapter.js';
import { createArgoRolloutsPort } from '../../src/adapters/kube/argo-rollouts-adapter.js';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { ShipmateConfig } from '../../src/config/schema.js';
import type { ReadinessPorts } from '../../src/domain/readiness/readiness-ports.js';
import type { SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { SANDBOX_AWS_CREDENTIALS } from '../../src/sandbox/sandbox-credentials.js';

/** The real adapters, pointed at a sandbox session explicitly rather than through process.env. */
export function sandboxPorts(session: SandboxSession, config: ShipmateConfig, environment: string): ReadinessPorts {
  const env = config.environments[environment]!;
  const aws = {
    region: env.aws.region,
    endpoint: session.sandbox.url,
    credentials: SANDBOX_AWS_CREDENTIALS,
  };
  return {
    codebuild: createCodeBuildPort(aws),
    ecr: createEcrPort(aws),
    quotas: createQuotasPort(aws),
    cluster: createClusterPort({ kubeconfigPath: session.kubeconfigPath, context: env.kubernetes.context! }),
    rollouts: createArgoRolloutsPort({ kubeconfigPath: session.kubeconfigPath, context: env.kubernetes.context! }),
    http: createHttpProbe({ ca: session.sandbox.caCertificate }),
    ecs: createEcsPort(aws),
    secrets: createSecretsPort(aws),
  };
}

/** The session's config file, read as shipmate reads it. */
export function sessionConfig(session: SandboxSession): ShipmateConfig {
  return loadConfig(session.configPath, session.env);
}
