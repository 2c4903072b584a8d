import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
  type Failure,
  type LaunchType,
  type ListTasksRequest,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import type { EcsPort, EcsTask, RunTaskInput } from '../../ports/ecs.port.js';
import { PortError } from '../../ports/port-error.js';
import { awsClientConfig, describeEndpoint, type AwsAdapterOptions } from './aws-client-options.js';
import { callEcs, ecsPortError, isUnknownTaskDefinition, type EcsCall } from './ecs-errors.js';
import { describeFailure, MISSING, toEcsService, toEcsTask, toEcsTaskDefinition } from './ecs-mapping.js';
import { registerRequestWithImage } from './ecs-register.js';

/** DescribeTasks takes at most 100 tasks per call; ListTasks pages hold at most 100. */
const TASKS_PER_CALL = 100;

/** ECS through the AWS SDK: endpoint and credentials as for every AWS adapter (AWS_ENDPOINT_URL_ECS, the `endpoint` option). */
export function createEcsPort(options: AwsAdapterOptions): EcsPort {
  const client = new ECSClient(awsClientConfig(options));
  const endpoint = describeEndpoint(options, 'ECS');
  const call = (operation: string, names: { cluster?: string; service?: string } = {}): EcsCall => ({ system: 'ECS', operation, endpoint, ...names });

  async function describeTaskDefinition(taskDefinition: string) {
    try {
      return await client.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }));
    } catch (error) {
      if (isUnknownTaskDefinition(error)) return undefined;
      throw ecsPortError(error, call('DescribeTaskDefinition'));
    }
  }

  async function describeTasks(cluster: string, taskArns: readonly string[]): Promise<EcsTask[]> {
    const tasks: EcsTask[] = [];
    for (let start = 0; start < taskArns.length; start += TASKS_PER_CALL) {
      const batch = taskArns.slice(start, start + TASKS_PER_CALL);
      const output = await callEcs(call('DescribeTasks', { cluster }), () => client.send(new DescribeTasksCommand({ cluster, tasks: batch })));
      unlessOnlyMissing('DescribeTasks', output.failures);
      // DescribeTasks does not promise the order asked, so restore it.
      const byArn = new Map((output.tasks ?? []).map((t) => [t.taskArn, t]));
      for (const arn of batch) {
        const task = byArn.get(arn);
        if (task) tasks.push(toEcsTask(task));
      }
    }
    return tasks;
  }

  async function listTaskArns(cluster: string, request: ListTasksRequest): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const output = await callEcs(call('ListTasks', { cluster, ...(request.serviceName ? { service: request.serviceName } : {}) }), () =>
        client.send(new ListTasksCommand({ ...request, cluster, maxResults: TASKS_PER_CALL, ...(nextToken ? { nextToken } : {}) })),
      );
      arns.push(...(output.taskArns ?? []));
      nextToken = output.nextToken;
    } while (nextToken);
    return arns;
  }

  return {
    async describeService(cluster, service) {
      const output = await callEcs(call('DescribeServices', { cluster, service }), () =>
        client.send(new DescribeServicesCommand({ cluster, services: [service] })),
      );
      unlessOnlyMissing('DescribeServices', output.failures);
      const found = output.services?.[0];
      return found ? toEcsService(found) : undefined;
    },

    async describeTaskDefinition(taskDefinition) {
      const output = await describeTaskDefinition(taskDefinition);
      return output?.taskDefinition ? toEcsTaskDefinition(output.taskDefinition) : undefined;
    },

    async registerWithImage(from, container, image) {
      const described = await describeTaskDefinition(from);
      if (!described?.taskDefinition) throw new PortError('invalid', `ECS task definition ${from} not found`);
      const request = registerRequestWithImage(described.taskDefinition, described.tags, container, image);
      const output = await callEcs(call('RegisterTaskDefinition'), () => client.send(new RegisterTaskDefinitionCommand(request)));
      if (!output.taskDefinition) throw new PortError('remote', 'ECS RegisterTaskDefinition: the answer holds no task definition');
      return toEcsTaskDefinition(output.taskDefinition);
    },

    async updateService(cluster, service, taskDefinition) {
      const output = await callEcs(call('UpdateService', { cluster, service }), () =>
        client.send(new UpdateServiceCommand({ cluster, service, taskDefinition })),
      );
      return toEcsService(required(output.service, 'UpdateService', 'service'));
    },

    async listTasks(cluster, filter) {
      // ListTasks takes startedBy only as its one filter (besides the desired status), so a service is then picked by the tasks' group.
      const request: ListTasksRequest = filter.startedBy
        ? { startedBy: filter.startedBy, desiredStatus: filter.desiredStatus }
        : { ...(filter.serviceName ? { serviceName: filter.serviceName } : {}), desiredStatus: filter.desiredStatus };
      const tasks = await describeTasks(cluster, await listTaskArns(cluster, request));
      if (!filter.startedBy || !filter.serviceName) return tasks;
      return tasks.filter((t) => t.group === `service:${filter.serviceName}`);
    },

    describeTasks,

    async runTask(input) {
      const output = await callEcs(call('RunTask', { cluster: input.cluster }), () => client.send(new RunTaskCommand(runTaskRequest(input))));
      const failures = output.failures ?? [];
      if (failures.length > 0) {
        throw new PortError('invalid', `ECS RunTask: no task of ${input.taskDefinition} started: ${failures.map(describeFailure).join('; ')}`);
      }
      return toEcsTask(required<Task>(output.tasks?.[0], 'RunTask', 'task'));
    },
  };
}

function runTaskRequest(input: RunTaskInput) {
  // A capacity provider strategy and a launch type exclude each other; a service described with a strategy has no launch type to send.
  const placement = input.capacityProviderStrategy?.length
    ? { capacityProviderStrategy: input.capacityProviderStrategy }
    : input.launchType
      ? { launchType: input.launchType as LaunchType }
      : {};
  return {
    cluster: input.cluster,
    taskDefinition: input.taskDefinition,
    count: 1,
    overrides: { containerOverrides: [{ name: input.container, command: input.command }] },
    ...placement,
    ...(input.networkConfiguration?.awsvpcConfiguration ? { networkConfiguration: input.networkConfiguration } : {}),
    ...(input.platformVersion ? { platformVersion: input.platformVersion } : {}),
    startedBy: input.startedBy,
    clientToken: input.clientToken,
  };
}

/** A failures[] entry other than MISSING (which means "no such thing", answered by leaving it out) is an error. */
function unlessOnlyMissing(operation: string, failures: Failure[] | undefined): void {
  const other = (failures ?? []).filter((f) => f.reason !== MISSING);
  if (other.length > 0) throw new PortError('remote', `ECS ${operation}: ${other.map((f) => `${f.arn ?? 'unknown'}: ${describeFailure(f)}`).join('; ')}`);
}

function required<T extends Service | Task>(value: T | undefined, operation: string, what: string): T {
  if (!value) throw new PortError('remote', `ECS ${operation}: the answer holds no ${what}`);
  return value;
}
