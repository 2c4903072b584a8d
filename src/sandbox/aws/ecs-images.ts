import { imageRunOf } from '../kube/job-objects.js';
import type { World, WorldImage } from '../world.js';
import type { WorldEcsImage } from './ecs-world.js';
import type { TaskFate } from './ecs-tasks.js';
import { repositoryContent } from './ecr-manifests.js';

/** What ECS's agent says when the image's manifest cannot be pulled. */
export const OUT_OF_MEMORY = 'OutOfMemoryError: Container killed due to memory usage';
const DEFAULT_RUN_MS = 200;
const OOM_EXIT_CODE = 137;

export interface FateInput {
  world: World;
  /** The task definition's containers (only the essential ones decide the task's fate). */
  containers: { name: string; image: string; essential?: boolean; hasHealthCheck: boolean }[];
  /** runtimePlatform.cpuArchitecture, X86_64 when left out. */
  cpuArchitecture: string;
  /** A service's task runs until stopped; RunTask's runs to its end. */
  forService: boolean;
  /** The service's load balancer target group, whose health checks a task can fail. */
  targetGroupArn?: string;
  startMs: number;
}

/** How a new task of these containers goes: the first essential container that fails decides it. */
export function fateOf(input: FateInput): TaskFate {
  const essential = input.containers.filter((c) => c.essential !== false);
  for (const container of essential) {
    const fate = containerFate(input, container);
    if (fate) return fate;
  }
  if (input.forService) return { kind: 'runs' };
  const first = essential[0] ?? input.containers[0];
  const run = behaviourOf(input.world, first?.image ?? '');
  return { kind: 'exits', container: first?.name ?? '', afterMs: run.runMs ?? DEFAULT_RUN_MS, exitCode: run.exitCode ?? 0, ...(run.reason ? { reason: run.reason } : {}) };
}

function containerFate(input: FateInput, container: FateInput['containers'][number]): TaskFate | undefined {
  const pullFailure = unpullableReason(input.world, container.image, input.cpuArchitecture);
  const run = behaviourOf(input.world, container.image);
  if (pullFailure || run.failure === 'unpullable') {
    const reason = run.reason ?? pullFailure ?? notFound(container.image);
    return { kind: 'unpullable', container: container.name, reason };
  }
  switch (run.failure) {
    case 'crash':
      return { kind: 'exits', container: container.name, afterMs: run.runMs ?? input.startMs / 2, exitCode: run.exitCode ?? 1, ...(run.reason ? { reason: run.reason } : {}) };
    case 'oom':
      return { kind: 'exits', container: container.name, afterMs: run.runMs ?? input.startMs / 2, exitCode: OOM_EXIT_CODE, reason: OUT_OF_MEMORY };
    case 'unhealthy':
      if (container.hasHealthCheck) return { kind: 'unhealthy', reason: 'Task failed container health checks' };
      if (input.targetGroupArn) return { kind: 'unhealthy', reason: `Task failed ELB health checks in (target-group ${input.targetGroupArn})` };
      return undefined;
    default:
      return undefined;
  }
}

function behaviourOf(world: World, image: string): WorldEcsImage {
  return imageRunOf(image, world.ecs?.behaviour?.images) as WorldEcsImage;
}

const notFound = (image: string) =>
  `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: ${image}: not found`;

const ARCHITECTURES: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' };

/**
 * Why an image of the sandbox account's own ECR cannot be pulled for this
 * platform, if it cannot: the repository, tag or digest does not exist, or
 * the image has no manifest for the task's architecture. Images of other
 * registries are assumed pullable.
 */
export function unpullableReason(world: World, image: string, cpuArchitecture: string): string | undefined {
  const host = `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/`;
  if (!image.startsWith(host)) return undefined;
  const [reference = '', digest] = image.slice(host.length).split('@');
  const colon = reference.lastIndexOf(':');
  const name = colon < 0 ? reference : reference.slice(0, colon);
  const tag = colon < 0 ? 'latest' : reference.slice(colon + 1);
  const repository = world.ecr.repositories.find((r) => r.name === name);
  if (!repository) return notFound(image);
  const found = digest
    ? repositoryContent(repository).manifests.find((m) => m.digest === digest)?.image
    : repository.images.find((i) => i.tags.includes(tag));
  if (!found) return notFound(image);
  const platform = `linux/${ARCHITECTURES[cpuArchitecture] ?? cpuArchitecture.toLowerCase()}`;
  if (hasPlatform(found, platform)) return undefined;
  return `CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform '${platform}'`;
}

const hasPlatform = (image: WorldImage, platform: string) => image.platforms.some((p) => p === platform || p.startsWith(`${platform}/`));
