import type { RegisterTaskDefinitionRequest, Tag, TaskDefinition } from '@aws-sdk/client-ecs';
import { PortError } from '../../ports/port-error.js';

/**
 * Every field RegisterTaskDefinition takes that DescribeTaskDefinition also
 * answers. Copying by this list rather than deleting the read-only ones
 * (taskDefinitionArn, revision, status, requiresAttributes, compatibilities,
 * registeredAt, registeredBy, deregisteredAt, deleteRequestedAt) means a field
 * ECS adds to its answers later is never sent back to a call that rejects it.
 * `tags` come beside the task definition (DescribeTaskDefinition with include TAGS).
 */
const REGISTRABLE_FIELDS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
  'trustedExecutionConfiguration',
] as const satisfies readonly (keyof RegisterTaskDefinitionRequest & keyof TaskDefinition)[];

/** Tag keys starting with aws: are AWS's own; RegisterTaskDefinition refuses them. */
const RESERVED_TAG_PREFIX = 'aws:';

/**
 * The RegisterTaskDefinition request for a new revision of `described`'s
 * family, identical but for `container`'s image. A container the task
 * definition does not have is PortError('invalid') naming the ones it has.
 */
export function registerRequestWithImage(
  described: TaskDefinition,
  tags: readonly Tag[] | undefined,
  container: string,
  image: string,
): RegisterTaskDefinitionRequest {
  const containers = described.containerDefinitions ?? [];
  if (!containers.some((c) => c.name === container)) {
    const names = containers.map((c) => c.name).filter((n): n is string => Boolean(n));
    const has = names.length > 0 ? `its containers: ${names.join(', ')}` : 'it has no containers';
    throw new PortError('invalid', `ECS task definition ${revisionName(described)} has no container ${container} (${has})`);
  }
  const copied: Partial<RegisterTaskDefinitionRequest> = Object.fromEntries(
    REGISTRABLE_FIELDS.filter((field) => described[field] !== undefined).map((field) => [field, described[field]]),
  );
  const ownTags = (tags ?? []).filter((t) => !t.key?.startsWith(RESERVED_TAG_PREFIX));
  return {
    ...copied,
    family: described.family,
    containerDefinitions: containers.map((c) => (c.name === container ? { ...c, image } : c)),
    ...(ownTags.length > 0 ? { tags: ownTags } : {}),
  };
}

/** family:revision, as people name a task definition; the ARN when ECS gave no family. */
export function revisionName(definition: TaskDefinition): string {
  if (definition.family && definition.revision !== undefined) return `${definition.family}:${definition.revision}`;
  return definition.taskDefinitionArn ?? 'unknown';
}
