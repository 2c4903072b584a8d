import type { SandboxState } from '../sandbox-state.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall, AwsService, Authorization } from './aws-service.js';
import { settleEcs } from './ecs-controller.js';
import { clusterNameOf, ecsArns, serviceNameOf, taskIdOf } from './ecs-names.js';
import { clusterOf, ecsAt, serviceOf } from './ecs-lookup.js';
import { ecsRuntimeOf } from './ecs-runtime.js';
import { rolesOf } from './ecs-task-definitions.js';
import { describeTasks, listTasks, runTask } from './ecs-task-api.js';
import { clusterView, serviceView } from './ecs-views.js';

function describeClusters(call: AwsCall) {
  const runtime = ecsAt(call);
  const names = call.input.optionalStringList('clusters', {}) ?? ['default'];
  if (names.length > 100) throw call.input.invalid('Clusters cannot have more than 100 elements');
  const clusters = [];
  const failures = [];
  for (const reference of names) {
    const cluster = runtime.clusters.get(clusterNameOf(reference));
    if (cluster) clusters.push(clusterView(runtime, cluster, call.now));
    else failures.push({ arn: ecsArns.cluster(runtime.world, clusterNameOf(reference)), reason: 'MISSING' });
  }
  return { clusters, failures };
}

function describeServices(call: AwsCall) {
  const runtime = ecsAt(call);
  const names = call.input.optionalStringList('services', {}) ?? [];
  if (names.length === 0) throw call.input.invalid('Services cannot be empty.');
  if (names.length > 10) throw call.input.invalid('Services cannot have more than 10 elements.');
  const cluster = clusterOf(runtime, call.input);
  const services = [];
  const failures = [];
  for (const reference of names) {
    const service = cluster.services.get(serviceNameOf(reference));
    if (service) services.push(serviceView(runtime, service, call.now));
    else failures.push({ arn: ecsArns.service(runtime.world, cluster.name, serviceNameOf(reference)), reason: 'MISSING' });
  }
  return { services, failures };
}

function describeTaskDefinition(call: AwsCall) {
  const runtime = ecsAt(call);
  const definition = runtime.taskDefinitions.find(call.input.string('taskDefinition'));
  if (!definition) throw new AwsError('ClientException', 'Unable to describe task definition.');
  const include = call.input.optionalStringList('include', {}) ?? [];
  return { taskDefinition: definition, ...(include.includes('TAGS') ? { tags: runtime.taskDefinitions.tagsOf(definition) } : {}) };
}

function registerTaskDefinition(call: AwsCall) {
  const runtime = ecsAt(call);
  const taskDefinition = runtime.taskDefinitions.register(call.input, call.now);
  return { taskDefinition, tags: runtime.taskDefinitions.tagsOf(taskDefinition) };
}

function updateService(call: AwsCall) {
  const { input, now } = call;
  const runtime = ecsAt(call);
  const service = serviceOf(clusterOf(runtime, input), input.string('service'));
  if (service.status !== 'ACTIVE') throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.');
  const desiredCount = input.optionalInteger('desiredCount', {});
  if (desiredCount !== undefined && desiredCount < 0) throw input.invalid('The desiredCount must be greater than or equal to 0.');
  const reference = input.optionalString('taskDefinition');
  const definition = reference === undefined ? undefined : runtime.taskDefinitions.find(reference);
  if (reference !== undefined && (!definition || definition.status !== 'ACTIVE')) throw new AwsError('ClientException', 'TaskDefinition not found.');
  const breaker = input.optionalObject('deploymentConfiguration')?.optionalObject('deploymentCircuitBreaker');
  if (breaker) {
    service.deploymentConfiguration.deploymentCircuitBreaker = { enable: breaker.raw('enable') === true, rollback: breaker.raw('rollback') === true };
  }
  if (desiredCount !== undefined) service.desiredCount = desiredCount;
  const primary = service.deployments[0]!;
  const changed = definition !== undefined && definition.taskDefinitionArn !== primary.taskDefinition;
  if (changed || input.raw('forceNewDeployment') === true) {
    runtime.deploy(service, definition?.taskDefinitionArn ?? primary.taskDefinition, now);
  } else if (desiredCount !== undefined) {
    primary.desiredCount = desiredCount;
    primary.updatedAt = now;
    if (primary.rolloutState === 'COMPLETED') primary.rolloutState = 'IN_PROGRESS';
  }
  settleEcs(runtime, now);
  return { service: serviceView(runtime, service, now) };
}

/** The IAM action of each operation and the resource it is authorized on, plus iam:PassRole for the roles a task or definition names. */
function authorizations(operation: string, input: AwsInput, state: SandboxState, now: number): Authorization[] {
  const action = `ecs:${operation}`;
  try {
    const runtime = ecsRuntimeOf(state, now);
    const { world } = state;
    const cluster = clusterNameOf(input.optionalString('cluster'));
    switch (operation) {
      case 'DescribeServices':
        return (input.optionalStringList('services', {}) ?? []).map((s) => ({ action, resource: ecsArns.service(world, cluster, serviceNameOf(s)) }));
      case 'UpdateService':
        return [{ action, resource: ecsArns.service(world, cluster, serviceNameOf(input.string('service'))) }];
      case 'DescribeClusters':
        return (input.optionalStringList('clusters', {}) ?? ['default']).map((c) => ({ action, resource: ecsArns.cluster(world, clusterNameOf(c)) }));
      case 'DescribeTasks':
        return (input.optionalStringList('tasks', {}) ?? []).map((t) => ({ action, resource: ecsArns.task(world, cluster, taskIdOf(t)) }));
      case 'ListTasks':
        return [{ action, resource: ecsArns.containerInstances(world, cluster) }];
      case 'RegisterTaskDefinition': {
        // Tags given on registration are applied with ecs:TagResource on the new revision, which IAM checks too.
        const tags = input.raw('tags');
        const tagged = Array.isArray(tags) && tags.length > 0;
        const family = input.optionalString('family') ?? '*';
        return [
          { action, resource: '*' },
          ...(tagged ? [{ action: 'ecs:TagResource', resource: `arn:aws:ecs:${world.region}:${world.accountId}:task-definition/${family}:*` }] : []),
          ...passRoles(Object.fromEntries(['taskRoleArn', 'executionRoleArn'].map((n) => [n, input.raw(n)]))),
        ];
      }
      case 'RunTask': {
        const definition = runtime.taskDefinitions.find(input.string('taskDefinition'));
        const resource = definition?.taskDefinitionArn ?? input.string('taskDefinition');
        const overrides = input.optionalObject('overrides');
        const roles = { ...definition, ...Object.fromEntries(['taskRoleArn', 'executionRoleArn'].filter((n) => overrides?.has(n)).map((n) => [n, overrides!.raw(n)])) };
        return [{ action, resource }, ...passRoles(roles)];
      }
      default:
        return [{ action, resource: '*' }];
    }
  } catch {
    return [{ action, resource: '*' }];
  }
}

const passRoles = (fields: Record<string, unknown>): Authorization[] => rolesOf(fields).map((role) => ({ action: 'iam:PassRole', resource: role }));

export const ecsApi: AwsService = {
  targetPrefix: 'AmazonEC2ContainerServiceV20141113',
  system: 'ecs',
  signingName: 'ecs',
  iamPrefix: 'ecs',
  messageKey: 'message',
  validationCode: 'InvalidParameterException',
  // The ECS model gives AccessDeniedException HTTP 403.
  accessDenied: { code: 'AccessDeniedException', status: 403 },
  throttling: { code: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
  operations: {
    DescribeClusters: describeClusters,
    DescribeServices: describeServices,
    DescribeTaskDefinition: describeTaskDefinition,
    RegisterTaskDefinition: registerTaskDefinition,
    UpdateService: updateService,
    ListTasks: listTasks,
    DescribeTasks: describeTasks,
    RunTask: runTask,
  },
  // Denials name the resource of the call's first authorization; this is only the fallback.
  resourceArn: () => '*',
  authorizations,
};
