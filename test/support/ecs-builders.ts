import type { CheckContext } from '../../src/domain/checks/check.js';
import { createServiceFacts, FactsCache } from '../../src/domain/readiness/service-facts.js';
import type { EcsServiceTarget } from '../../src/domain/readiness/service-target.js';
import type { EcsContainerDefinition, EcsPort, EcsService, EcsTaskDefinition, SecretsPort } from '../../src/ports/ecs.port.js';
import type { EcrImage, EcrPort, EcrRepository, Platform } from '../../src/ports/ecr.port.js';
import { ecsServiceTarget, fakePorts } from './fake-ports.js';

export const API_REPOSITORY_URI = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';
export const API_DIGEST = 'sha256:7d1e4c9a0b3f5e2d8c6a4b1f9e0d3c7a5b2e8f1d4c6a9b0e3f7d2c5a8b1e4f6d';
export const DATABASE_SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/staging/api/database-Xk3Lp9';
const TASK_DEFINITION_ARN = 'arn:aws:ecs:eu-west-1:111122223333:task-definition/shop-staging-api:7';

/** The sandbox's healthy staging `api`: ACTIVE, two tasks, circuit breaker with rollback, a target group. */
export function anEcsService(change: (service: EcsService) => void = () => undefined): EcsService {
  const service: EcsService = {
    serviceName: 'api',
    serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/shop-staging/api',
    clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/shop-staging',
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    taskDefinition: TASK_DEFINITION_ARN,
    deployments: [
      { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: TASK_DEFINITION_ARN, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState: 'COMPLETED' },
    ],
    circuitBreaker: { enable: true, rollback: true },
    loadBalancers: [
      { targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop-staging-api/6d0ecf831eec9f09', containerName: 'api', containerPort: 8080 },
    ],
    launchType: 'FARGATE',
  };
  change(service);
  return service;
}

/** shop-staging-api:7, X86_64, its container `api` running shop/api:1.1.0 as the sandbox's healthy world has it. */
export function aTaskDefinition(change: (taskDefinition: EcsTaskDefinition, api: EcsContainerDefinition) => void = () => undefined): EcsTaskDefinition {
  const api: EcsContainerDefinition = {
    name: 'api',
    image: `${API_REPOSITORY_URI}:1.1.0`,
    essential: true,
    user: '10001',
    readonlyRootFilesystem: true,
    privileged: false,
    healthCheck: { command: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/health || exit 1'] },
    logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop-staging/api', 'awslogs-region': 'eu-west-1' } },
    secrets: [{ name: 'DATABASE_URL', valueFrom: DATABASE_SECRET }],
  };
  const taskDefinition: EcsTaskDefinition = {
    taskDefinitionArn: TASK_DEFINITION_ARN,
    family: 'shop-staging-api',
    revision: 7,
    containerDefinitions: [api],
    runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
    requiresCompatibilities: ['FARGATE'],
  };
  change(taskDefinition, api);
  return taskDefinition;
}

export interface EcsWorld {
  /** Leave the key in with `undefined` for a service ECS reports MISSING; an Error is what DescribeServices throws. */
  service?: EcsService | undefined | Error;
  /** Leave the key in with `undefined` for a revision ECS cannot describe. */
  taskDefinition?: EcsTaskDefinition | undefined;
  /** valueFrom -> exists; anything not listed exists. */
  secrets?: Record<string, boolean | undefined>;
  repository?: EcrRepository | undefined;
  image?: EcrImage | undefined;
  platforms?: Platform[];
  target?: Partial<EcsServiceTarget>;
}

/** What the fake ports were asked, to show each fact is fetched once. */
export interface EcsCalls {
  describeService: string[];
  describeTaskDefinition: string[];
  secretExists: string[];
}

/** A check context for the staging `api` ECS service, its ports answering from `world` (the healthy service by default). */
export function ecsCheckContext(world: EcsWorld = {}): { context: CheckContext; calls: EcsCalls } {
  const calls: EcsCalls = { describeService: [], describeTaskDefinition: [], secretExists: [] };
  const { service, taskDefinition, secrets = {} } = { service: anEcsService(), taskDefinition: aTaskDefinition(), ...world };
  const ecs: Partial<EcsPort> = {
    describeService: async (cluster, name) => {
      calls.describeService.push(`${cluster}/${name}`);
      if (service instanceof Error) throw service;
      return service;
    },
    describeTaskDefinition: async (arn) => {
      calls.describeTaskDefinition.push(arn);
      return taskDefinition;
    },
  };
  const secretsPort: SecretsPort = {
    secretExists: async (valueFrom) => {
      calls.secretExists.push(valueFrom);
      return valueFrom in secrets ? secrets[valueFrom] : true;
    },
  };
  const repository = 'repository' in world ? world.repository : { name: 'shop/api', uri: API_REPOSITORY_URI, scanOnPush: true };
  const image = 'image' in world ? world.image : { digest: API_DIGEST, tags: ['1.1.0'], sizeBytes: 141_000_000, findingCounts: {} };
  const ecr: Partial<EcrPort> = {
    getRepository: async () => repository,
    describeImage: async () => image,
    imagePlatforms: async () => world.platforms ?? ['linux/amd64', 'linux/arm64'],
  };
  const ports = fakePorts({ ecr, ecs, secrets: secretsPort });
  const target = ecsServiceTarget(world.target);
  const context: CheckContext = {
    target,
    settings: { scanSeverity: 'HIGH', imageSizeBudgetMb: 1024, healthBudgetMs: 1000 },
    facts: createServiceFacts(target, ports, new FactsCache()),
    signal: new AbortController().signal,
  };
  return { context, calls };
}
