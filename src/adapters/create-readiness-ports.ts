import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config-error.js';
import type { EnvironmentConfig, ShipmateConfig } from '../config/schema.js';
import type { ArgoRolloutsPort } from '../ports/argo-rollouts.port.js';
import type { ClusterPort } from '../ports/cluster.port.js';
import type { CodeBuildPort } from '../ports/codebuild.port.js';
import type { EcrPort } from '../ports/ecr.port.js';
import type { EcsPort, SecretsPort } from '../ports/ecs.port.js';
import type { HttpProbePort } from '../ports/http-probe.port.js';
import type { QuotasPort } from '../ports/quotas.port.js';
import { PortError } from '../ports/port-error.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { AwsAdapterOptions } from './aws/aws-client-options.js';
import { lazyPort } from './lazy-port.js';

/** Each adapter's module, imported when a port first needs it: the AWS SDK clients and @kubernetes/client-node are most of a bot's memory. */
const adapters = {
  codebuild: () => import('./aws/codebuild-adapter.js'),
  ecr: () => import('./aws/ecr-adapter.js'),
  quotas: () => import('./aws/quotas-adapter.js'),
  cluster: () => import('./kube/cluster-adapter.js'),
  rollouts: () => import('./kube/argo-rollouts-adapter.js'),
  http: () => import('./http/http-probe-adapter.js'),
  ecs: () => import('./aws/ecs-adapter.js'),
  secrets: () => import('./aws/secrets-adapter.js'),
};

const CODEBUILD_METHODS: Record<keyof CodeBuildPort, true> = {
  getProject: true,
  lastBuild: true,
  listBuildIds: true,
  buildsInProgress: true,
  startBuild: true,
  stopBuild: true,
  getBuilds: true,
};
const ECR_METHODS: Record<keyof EcrPort, true> = { getRepository: true, describeImage: true, imagePlatforms: true };
const QUOTAS_METHODS: Record<keyof QuotasPort, true> = { listQuotas: true };
const HTTP_METHODS: Record<keyof HttpProbePort, true> = { get: true };
const ECS_METHODS: Record<keyof EcsPort, true> = {
  describeService: true,
  describeTaskDefinition: true,
  registerWithImage: true,
  updateService: true,
  listTasks: true,
  describeTasks: true,
  runTask: true,
};
const SECRETS_METHODS: Record<keyof SecretsPort, true> = { secretExists: true };
const ROLLOUTS_METHODS: Record<keyof ArgoRolloutsPort, true> = {
  getRollout: true,
  watchRollout: true,
  setRolloutImage: true,
  promoteRollout: true,
  abortRollout: true,
  getAnalysisRun: true,
  listAnalysisRuns: true,
  watchAnalysisRuns: true,
};
const CLUSTER_METHODS: Record<keyof ClusterPort, true> = {
  getDeployment: true,
  secretExists: true,
  listNetworkPolicies: true,
  setContainerImage: true,
  watchDeployment: true,
  watchPods: true,
  listPods: true,
  listReplicaSets: true,
  listEvents: true,
  createJob: true,
  getJob: true,
  watchJob: true,
  readPodLog: true,
  deleteJob: true,
};

/**
 * The real adapters for one environment, each loaded on its first call (the
 * bot builds these when a command first names the environment). AWS
 * credentials and endpoints come from the SDK's own chain (AWS_PROFILE,
 * AWS_ENDPOINT_URL_*, ...); Kubernetes from $KUBECONFIG and the environment's
 * context, or the service account. An unusable kubeconfig fails each cluster
 * call with a ConfigError naming the environment.
 */
export function createReadinessPorts(config: ShipmateConfig, environment: string): ReadinessPorts {
  const env = environmentOf(config, environment);
  const aws: AwsAdapterOptions = { region: env.aws.region };
  const ca = caOf(config);
  return {
    codebuild: lazyPort(async () => (await adapters.codebuild()).createCodeBuildPort(aws), CODEBUILD_METHODS),
    ecr: lazyPort(async () => (await adapters.ecr()).createEcrPort(aws), ECR_METHODS),
    quotas: lazyPort(async () => (await adapters.quotas()).createQuotasPort(aws), QUOTAS_METHODS),
    cluster: lazyPort(async () => {
      const { createClusterPort } = await adapters.cluster();
      return kubePortFor(environment, env.kubernetes, createClusterPort);
    }, CLUSTER_METHODS),
    rollouts: lazyPort(async () => {
      const { createArgoRolloutsPort } = await adapters.rollouts();
      return kubePortFor(environment, env.kubernetes, createArgoRolloutsPort);
    }, ROLLOUTS_METHODS),
    http: lazyPort<HttpProbePort>(async () => (await adapters.http()).createHttpProbe(ca), HTTP_METHODS),
    ecs: lazyPort(async () => (await adapters.ecs()).createEcsPort(aws), ECS_METHODS),
    secrets: lazyPort(async () => (await adapters.secrets()).createSecretsPort(aws), SECRETS_METHODS),
  };
}

/**
 * The same adapters loaded and built now, for a one-shot command: an
 * unusable kubeconfig throws a ConfigError here, before any check runs.
 */
export async function loadReadinessPorts(config: ShipmateConfig, environment: string): Promise<ReadinessPorts> {
  const env = environmentOf(config, environment);
  const aws: AwsAdapterOptions = { region: env.aws.region };
  const [codebuild, ecr, quotas, cluster, rollouts, http, ecs, secrets] = await Promise.all([
    adapters.codebuild(),
    adapters.ecr(),
    adapters.quotas(),
    adapters.cluster(),
    adapters.rollouts(),
    adapters.http(),
    adapters.ecs(),
    adapters.secrets(),
  ]);
  return {
    codebuild: codebuild.createCodeBuildPort(aws),
    ecr: ecr.createEcrPort(aws),
    quotas: quotas.createQuotasPort(aws),
    cluster: kubePortFor(environment, env.kubernetes, cluster.createClusterPort),
    rollouts: kubePortFor(environment, env.kubernetes, rollouts.createArgoRolloutsPort),
    http: http.createHttpProbe(caOf(config)),
    ecs: ecs.createEcsPort(aws),
    secrets: secrets.createSecretsPort(aws),
  };
}

function environmentOf(config: ShipmateConfig, environment: string): EnvironmentConfig {
  const env = config.environments[environment];
  if (!env) throw new ConfigError([`unknown environment "${environment}"`]);
  return env;
}

/** The environment's kubeconfig context (or in-cluster account) for a Kubernetes port; one that cannot be used is a configuration error, not a failed check. */
function kubePortFor<T>(environment: string, kubernetes: EnvironmentConfig['kubernetes'], create: (options: { context?: string; inCluster: boolean }) => T): T {
  try {
    return create({ ...(kubernetes.context ? { context: kubernetes.context } : {}), inCluster: kubernetes.inCluster });
  } catch (error) {
    if (error instanceof PortError && error.code === 'invalid') {
      throw new ConfigError([`environments.${environment}.kubernetes: ${error.message}`]);
    }
    throw error;
  }
}

function caOf(config: ShipmateConfig): { ca?: string } {
  return config.http.caFile ? { ca: readCa(config.http.caFile) } : {};
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`http.caFile: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}
