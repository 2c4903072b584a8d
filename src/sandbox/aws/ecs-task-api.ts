import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import type { AwsCall } from './aws-service.js';
import { clusterOf, ecsAt, serviceOf } from './ecs-lookup.js';
import { ecsArns, taskDefinitionRefOf, taskIdOf } from './ecs-names.js';
import type { EcsRuntime, SandboxCluster } from './ecs-runtime.js';
import type { TaskDefinitionRecord } from './ecs-task-definitions.js';
import { statusAt, type SandboxTask } from './ecs-tasks.js';
import { taskView } from './ecs-views.js';
import { pageOf } from './paging.js';

const DESIRED_STATUSES = ['RUNNING', 'PENDING', 'STOPPED'] as const;
const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;
const STARTED_BY = /^[A-Za-z0-9_/-]{1,128}$/;
const CLIENT_TOKEN_MAX = 64;
const RUN_TASK_MAX = 10;
const LIST_TASKS_MAX = 100;

const familyOf = (task: SandboxTask) => taskDefinitionRefOf(task.taskDefinitionArn).family;
const tasksIn = (runtime: EcsRuntime, cluster: SandboxCluster) =>
  [...runtime.tasks.values()].filter((t) => t.cluster === cluster.name).sort((a, b) => b.createdAt - a.createdAt);

/** ListTasks: the cluster's task ARNs of one desired status, filtered by service, startedBy, family or launch type; STOPPED ones for as long as they are kept. */
export function listTasks(call: AwsCall) {
  const { input, now } = call;
  const runtime = ecsAt(call);
  const cluster = clusterOf(runtime, input);
  const serviceName = input.optionalString('serviceName');
  const startedBy = input.optionalString('startedBy');
  const family = input.optionalString('family');
  if (startedBy !== undefined && (serviceName !== undefined || family !== undefined || input.has('containerInstance'))) {
    throw input.invalid('When you specify startedBy as the filter, it must be the only filter that you use.');
  }
  const service = serviceName === undefined ? undefined : serviceOf(cluster, serviceName);
  const desiredStatus = input.optionalEnum('desiredStatus', DESIRED_STATUSES) ?? 'RUNNING';
  const launchType = input.optionalEnum('launchType', LAUNCH_TYPES);
  const maxResults = input.optionalInteger('maxResults', {});
  if (maxResults !== undefined && (maxResults < 1 || maxResults > LIST_TASKS_MAX)) {
    throw input.invalid(`maxResults must be between 1 and ${LIST_TASKS_MAX}.`);
  }
  const matching = tasksIn(runtime, cluster).filter(
    (t) =>
      statusAt(t, now).desiredStatus === desiredStatus &&
      (service === undefined || t.group === `service:${service.name}`) &&
      (startedBy === undefined || t.startedBy === startedBy) &&
      (family === undefined || familyOf(t) === family) &&
      (launchType === undefined || t.launchType === launchType),
  );
  const scope = `ListTasks:${cluster.name}:${serviceName}:${startedBy}:${family}:${desiredStatus}:${launchType}`;
  const page = pageOf(
    matching.map((t) => t.arn),
    { nextToken: input.optionalString('nextToken'), pageSize: maxResults ?? LIST_TASKS_MAX, scope },
    () => input.invalid('Invalid nextToken.'),
  );
  return { taskArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** DescribeTasks: by ID or ARN, up to 100; unknown ones are failures with reason MISSING. */
export function describeTasks(call: AwsCall) {
  const { input, now } = call;
  const runtime = ecsAt(call);
  const references = input.optionalStringList('tasks', {}) ?? [];
  if (references.length === 0) throw input.invalid('Tasks cannot be empty.');
  if (references.length > LIST_TASKS_MAX) throw input.invalid(`Tasks cannot have more than ${LIST_TASKS_MAX} elements.`);
  const cluster = clusterOf(runtime, input);
  const tasks = [];
  const failures = [];
  for (const reference of references) {
    const task = runtime.tasks.get(ecsArns.task(runtime.world, cluster.name, taskIdOf(reference)));
    if (task && (reference === task.id || reference === task.arn)) tasks.push(taskView(runtime.world, task, now));
    else failures.push({ arn: reference.startsWith('arn:') ? reference : ecsArns.task(runtime.world, cluster.name, reference), reason: 'MISSING' });
  }
  return { tasks, failures };
}

/** RunTask: `count` tasks of a definition, its containers' commands overridden; the same clientToken answers with the tasks it started before. */
export function runTask(call: AwsCall) {
  const { input, now } = call;
  const runtime = ecsAt(call);
  const cluster = clusterOf(runtime, input);
  const clientToken = input.optionalString('clientToken');
  if (clientToken !== undefined && clientToken.length > CLIENT_TOKEN_MAX) {
    throw input.invalid(`clientToken must be at most ${CLIENT_TOKEN_MAX} characters.`);
  }
  const earlier = clientToken === undefined ? undefined : runtime.clientTokens.get(`${cluster.name}\0${clientToken}`);
  if (earlier) {
    const tasks = earlier.map((arn) => runtime.tasks.get(arn)).filter((t): t is SandboxTask => t !== undefined);
    return { tasks: tasks.map((t) => taskView(runtime.world, t, now)), failures: [] };
  }
  const definition = runtime.taskDefinitions.find(input.string('taskDefinition'));
  if (!definition || definition.status !== 'ACTIVE') throw new AwsError('ClientException', 'TaskDefinition not found.');
  const count = input.optionalInteger('count', {}) ?? 1;
  if (count < 1 || count > RUN_TASK_MAX) throw input.invalid(`count must be between 1 and ${RUN_TASK_MAX}.`);
  const startedBy = input.optionalString('startedBy');
  if (startedBy !== undefined && !STARTED_BY.test(startedBy)) {
    throw input.invalid('startedBy can have up to 128 letters (uppercase and lowercase), numbers, hyphens, forward slashes, and underscores.');
  }
  const launchType = launchTypeOf(input, definition);
  checkNetwork(input, definition);
  const containerOverrides = overridesOf(input, definition);
  const tasks = [];
  for (let i = 0; i < count; i += 1) {
    tasks.push(
      runtime.startTask({
        cluster: cluster.name,
        definition,
        now,
        group: input.optionalString('group') ?? `family:${definition.family}`,
        launchType,
        containerOverrides,
        ...(input.optionalString('platformVersion') || launchType === 'FARGATE' ? { platformVersion: input.optionalString('platformVersion') ?? 'LATEST' } : {}),
        ...(startedBy ? { startedBy } : {}),
      }),
    );
  }
  if (clientToken !== undefined) runtime.clientTokens.set(`${cluster.name}\0${clientToken}`, tasks.map((t) => t.arn));
  return { tasks: tasks.map((t) => taskView(runtime.world, t, now)), failures: [] };
}

function launchTypeOf(input: AwsInput, definition: TaskDefinitionRecord): string {
  const launchType = input.optionalEnum('launchType', LAUNCH_TYPES);
  const strategy = input.has('capacityProviderStrategy') ? input.objectList('capacityProviderStrategy', {}) : undefined;
  if (launchType && strategy) throw input.invalid('Specifying both a launch type and capacity provider strategy is not supported.');
  const fargate = launchType === 'FARGATE' || (strategy ?? []).some((s) => String(s.raw('capacityProvider')).startsWith('FARGATE'));
  // The sandbox's clusters have no container instances: only Fargate can place a task.
  if (!fargate) throw input.invalid('No Container Instances were found in your cluster.');
  if (!(definition.compatibilities as string[] | undefined)?.includes('FARGATE')) throw input.invalid('Task definition does not support launch_type FARGATE.');
  return 'FARGATE';
}

function checkNetwork(input: AwsInput, definition: TaskDefinitionRecord): void {
  if (definition.networkMode !== 'awsvpc') return;
  const vpc = input.optionalObject('networkConfiguration')?.optionalObject('awsvpcConfiguration');
  if (!vpc) throw input.invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  if ((vpc.optionalStringList('subnets', {}) ?? []).length === 0) throw input.invalid('subnets can not be empty.');
}

function overridesOf(input: AwsInput, definition: TaskDefinitionRecord): Record<string, unknown>[] {
  const overrides = input.optionalObject('overrides');
  if (!overrides?.has('containerOverrides')) return [];
  const names = new Set(definition.containerDefinitions.map((c) => c.name));
  return overrides.objectList('containerOverrides', {}).map((override) => {
    const name = override.optionalString('name');
    if (name !== undefined && !names.has(name)) throw input.invalid(`Override for container named ${name} is not a container in the TaskDefinition.`);
    return Object.fromEntries(override.names().map((n) => [n, override.raw(n)]));
  });
}
