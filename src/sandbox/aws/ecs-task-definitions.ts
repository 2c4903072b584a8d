import type { World } from '../world.js';
import { arns } from './aws-arns.js';
import type { AwsInput } from './aws-input.js';
import { AwsError } from './aws-json.js';
import { ecsArns, taskDefinitionRefOf } from './ecs-names.js';
import type { WorldEcsTaskDefinition } from './ecs-world.js';
import { epochSeconds } from './epoch-seconds.js';

export interface Tag {
  key: string;
  value: string;
}

/** A task definition revision as DescribeTaskDefinition shows it. */
export type TaskDefinitionRecord = Record<string, unknown> & {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: string;
  containerDefinitions: Record<string, unknown>[];
};

/** What DescribeTaskDefinition adds and RegisterTaskDefinition refuses: ECS works them out. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

/** RegisterTaskDefinition's request members (the API reference's), beyond which ECS takes nothing. */
const REQUEST_FIELDS = new Set([
  'family', 'containerDefinitions', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'volumes', 'placementConstraints',
  'requiresCompatibilities', 'cpu', 'memory', 'tags', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators',
  'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection', 'trustedExecutionConfiguration',
]);

const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
/** When the world's revisions were registered, unless it says. */
const WORLD_REGISTERED_AT = '2026-11-20T09:10:00Z';

/** The sandbox's task definitions, every revision of every family. */
export class TaskDefinitions {
  private readonly byFamily = new Map<string, TaskDefinitionRecord[]>();
  /** Tags are not part of a task definition: DescribeTaskDefinition returns them beside it when asked (include TAGS). */
  private readonly tagsByArn = new Map<string, Tag[]>();

  constructor(private readonly world: World) {
    for (const { tags, ...definition } of world.ecs?.taskDefinitions ?? []) {
      const record = fromWorld(world, definition as WorldEcsTaskDefinition);
      this.add(record);
      this.tagsByArn.set(record.taskDefinitionArn, (tags as Tag[] | undefined) ?? []);
    }
  }

  tagsOf(record: TaskDefinitionRecord): Tag[] {
    return this.tagsByArn.get(record.taskDefinitionArn) ?? [];
  }

  /** `family` (its latest ACTIVE revision), `family:revision` or an ARN. */
  find(reference: string): TaskDefinitionRecord | undefined {
    const { family, revision } = taskDefinitionRefOf(reference);
    const revisions = this.byFamily.get(family) ?? [];
    if (revision !== undefined) return revisions.find((r) => r.revision === revision);
    return revisions.filter((r) => r.status === 'ACTIVE').at(-1);
  }

  /** RegisterTaskDefinition: the family's next revision, as ECS answers it. */
  register(input: AwsInput, now: number): TaskDefinitionRecord {
    for (const field of READ_ONLY_FIELDS) {
      if (input.has(field)) throw new AwsError('ClientException', `${field} is not a valid parameter for RegisterTaskDefinition: it is set by Amazon ECS`);
    }
    const unknown = input.names().find((name) => !REQUEST_FIELDS.has(name));
    if (unknown !== undefined) throw new AwsError('ClientException', `Unknown parameter in input: "${unknown}"`);
    const family = input.string('family');
    if (!FAMILY.test(family)) {
      throw new AwsError('ClientException', 'Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.');
    }
    const containers = input.objectList('containerDefinitions', {});
    if (containers.length === 0) throw new AwsError('ClientException', 'Container list cannot be empty.');
    for (const container of containers) {
      if (!container.has('name') || container.raw('name') === '') throw new AwsError('ClientException', 'Container.name should not be null or empty.');
      if (!container.has('image') || container.raw('image') === '') throw new AwsError('ClientException', 'Container.image should not be null or empty.');
    }
    const fields = Object.fromEntries(input.names().filter((n) => n !== 'tags').map((n) => [n, structuredClone(input.raw(n))]));
    const requires = (fields.requiresCompatibilities as string[] | undefined) ?? [];
    if (requires.includes('FARGATE') && fields.networkMode !== 'awsvpc') {
      throw new AwsError('ClientException', 'Fargate only supports network mode \u2018awsvpc\u2019.');
    }
    for (const size of ['cpu', 'memory']) {
      if (requires.includes('FARGATE') && fields[size] === undefined) throw new AwsError('ClientException', `Fargate requires that '${size}' be defined at the task level.`);
    }
    const tags = input.has('tags') ? input.objectList('tags', { max: 50 }).map((t) => ({ key: t.string('key'), value: t.text('value') })) : [];
    if (tags.some((t) => t.key.toLowerCase().startsWith('aws:'))) throw input.invalid('Tag keys beginning with aws: are reserved for AWS use.');
    const revision = (this.byFamily.get(family)?.at(-1)?.revision ?? 0) + 1;
    const record = withDefaults(this.world, { ...fields, family, revision } as WorldEcsTaskDefinition, now / 1000);
    this.add(record);
    this.tagsByArn.set(record.taskDefinitionArn, tags);
    return record;
  }

  private add(record: TaskDefinitionRecord): void {
    const revisions = this.byFamily.get(record.family) ?? [];
    revisions.push(record);
    revisions.sort((a, b) => a.revision - b.revision);
    this.byFamily.set(record.family, revisions);
  }
}

function fromWorld(world: World, definition: WorldEcsTaskDefinition): TaskDefinitionRecord {
  const { registeredAt, status, ...fields } = definition;
  return { ...withDefaults(world, fields as WorldEcsTaskDefinition, epochSeconds(registeredAt ?? WORLD_REGISTERED_AT)), status: status ?? 'ACTIVE' };
}

/** The members ECS fills in on registration, as DescribeTaskDefinition then shows them. */
function withDefaults(world: World, definition: WorldEcsTaskDefinition, registeredAt: number): TaskDefinitionRecord {
  const containers = definition.containerDefinitions.map((c) => ({
    cpu: 0,
    portMappings: [],
    essential: true,
    environment: [],
    mountPoints: [],
    volumesFrom: [],
    ...c,
    ...(Array.isArray(c.portMappings) ? { portMappings: (c.portMappings as Record<string, unknown>[]).map(portMappingDefaults(definition)) } : {}),
  }));
  const requires = (definition.requiresCompatibilities as string[] | undefined) ?? [];
  return {
    ...definition,
    taskDefinitionArn: ecsArns.taskDefinition(world, definition.family, definition.revision),
    containerDefinitions: containers,
    volumes: definition.volumes ?? [],
    placementConstraints: definition.placementConstraints ?? [],
    status: 'ACTIVE',
    requiresAttributes: requiresAttributes(containers, definition),
    compatibilities: requires.includes('FARGATE') || definition.networkMode === 'awsvpc' ? ['EC2', 'FARGATE'] : ['EC2'],
    registeredAt,
    registeredBy: arns.iamUser(world, 'sandbox'),
  };
}

const portMappingDefaults = (definition: WorldEcsTaskDefinition) => (mapping: Record<string, unknown>) => ({
  ...mapping,
  ...(definition.networkMode === 'awsvpc' && mapping.hostPort === undefined ? { hostPort: mapping.containerPort } : {}),
  protocol: mapping.protocol ?? 'tcp',
});

/** The capabilities a container instance needs for this definition, a few of those ECS lists. */
function requiresAttributes(containers: Record<string, unknown>[], definition: WorldEcsTaskDefinition): { name: string }[] {
  const names = ['com.amazonaws.ecs.capability.docker-remote-api.1.18'];
  if (definition.networkMode === 'awsvpc') names.push('ecs.capability.task-eni');
  if (containers.some((c) => (c.logConfiguration as { logDriver?: string } | undefined)?.logDriver === 'awslogs')) {
    names.push('com.amazonaws.ecs.capability.logging-driver.awslogs', 'ecs.capability.execution-role-awslogs');
  }
  if (containers.some((c) => c.healthCheck !== undefined)) names.push('ecs.capability.container-health-check');
  if (containers.some((c) => Array.isArray(c.secrets) && c.secrets.length > 0)) names.push('ecs.capability.secrets.asm.environment-variables');
  if (definition.taskRoleArn !== undefined) names.push('com.amazonaws.ecs.capability.task-iam-role');
  return names.map((name) => ({ name }));
}

/** The roles a task of this definition runs with, which whoever starts or registers it must be allowed to pass. */
export function rolesOf(definition: Record<string, unknown>): string[] {
  return [definition.taskRoleArn, definition.executionRoleArn].filter((r): r is string => typeof r === 'string' && r !== '');
}
