import { createHash } from 'node:crypto';
import type { World } from '../world.js';

/** ARNs of the sandbox's ECS and Secrets Manager resources, in ECS's long ARN format, and the names ECS accepts in their place. */
export const ecsArns = {
  cluster: (world: World, name: string) => `arn:aws:ecs:${world.region}:${world.accountId}:cluster/${name}`,
  service: (world: World, cluster: string, name: string) => `arn:aws:ecs:${world.region}:${world.accountId}:service/${cluster}/${name}`,
  task: (world: World, cluster: string, id: string) => `arn:aws:ecs:${world.region}:${world.accountId}:task/${cluster}/${id}`,
  container: (world: World, cluster: string, taskId: string, id: string) =>
    `arn:aws:ecs:${world.region}:${world.accountId}:container/${cluster}/${taskId}/${id}`,
  taskDefinition: (world: World, family: string, revision: number) =>
    `arn:aws:ecs:${world.region}:${world.accountId}:task-definition/${family}:${revision}`,
  /** What IAM scopes ListTasks to: the cluster's container instances. */
  containerInstances: (world: World, cluster: string) => `arn:aws:ecs:${world.region}:${world.accountId}:container-instance/${cluster}/*`,
  secret: (world: World, name: string, suffix: string) => `arn:aws:secretsmanager:${world.region}:${world.accountId}:secret:${name}-${suffix}`,
};

const ECS_ARN = /^arn:aws[\w-]*:ecs:[^:]*:\d*:([\w-]+)\/(.+)$/;

/** The last path segment of an ECS ARN of `kind`, or the reference itself when it is a plain name. */
function nameIn(reference: string, kind: string): string {
  const match = ECS_ARN.exec(reference);
  if (!match || match[1] !== kind) return reference;
  const path = match[2]!;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** ECS calls without a cluster act on the account's `default` cluster. */
export const clusterNameOf = (reference: string | undefined): string => nameIn(reference ?? 'default', 'cluster');
export const serviceNameOf = (reference: string): string => nameIn(reference, 'service');
export const taskIdOf = (reference: string): string => nameIn(reference, 'task');

/** A task definition named as `family`, `family:revision` or its ARN. */
export function taskDefinitionRefOf(reference: string): { family: string; revision?: number } {
  const bare = nameIn(reference, 'task-definition');
  const colon = bare.lastIndexOf(':');
  if (colon < 0) return { family: bare };
  const revision = Number(bare.slice(colon + 1));
  return Number.isInteger(revision) && revision > 0 ? { family: bare.slice(0, colon), revision } : { family: bare };
}

const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Secrets Manager appends six random characters to a secret's ARN; the sandbox derives them from the name so that ARNs are stable. */
export function secretSuffixOf(name: string): string {
  const bytes = createHash('sha256').update(name).digest();
  return [...bytes.subarray(0, 6)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
}
