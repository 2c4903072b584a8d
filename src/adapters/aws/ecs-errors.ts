import { PortError } from '../../ports/port-error.js';
import { toPortError, type AwsCallDescription } from './aws-error.js';

/** One ECS call, with the cluster and service it names so that "not found" can say which. */
export interface EcsCall extends AwsCallDescription {
  cluster?: string;
  service?: string;
}

/**
 * ECS's exceptions for a request that names something wrong or asks for what
 * cannot be: the caller's to fix, not worth a retry. ClientException is ECS's
 * catch-all for those ("Unable to describe task definition.", "Role is not valid").
 */
const ECS_INVALID = new Set([
  'ClientException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'PlatformUnknownException',
  'PlatformTaskDefinitionIncompatibilityException',
  'UnsupportedFeatureException',
]);

/** ECS answers some IAM refusals (iam:PassRole of a task's role) as a ClientException. */
const NOT_AUTHORIZED = /\bis not authorized to perform\b/;

/**
 * Whatever an ECS call threw, as a PortError: an unknown cluster or service
 * named in one line, ECS's own exception names classified on top of the
 * shared AWS mapping (access, throttling, network).
 */
export function ecsPortError(error: unknown, call: EcsCall): PortError {
  const mapped = toPortError(error, call);
  const name = error instanceof Error ? error.name : '';
  if (name === 'ClusterNotFoundException' && call.cluster) return new PortError('invalid', `ECS cluster ${call.cluster} not found`);
  if (name === 'ServiceNotFoundException' && call.service) {
    return new PortError('invalid', `ECS service ${call.service} not found in cluster ${call.cluster ?? 'default'}`);
  }
  if (!ECS_INVALID.has(name) || mapped.code !== 'remote') return mapped;
  const prefix = `${call.system} ${call.operation}: `;
  const detail = mapped.message.slice(prefix.length);
  if (NOT_AUTHORIZED.test(detail)) return new PortError('forbidden', `${prefix}access denied: ${detail.slice(`${name}: `.length)}`);
  return new PortError('invalid', `${prefix}request rejected (${detail})`);
}

/** Runs one ECS call; whatever it throws comes out as a PortError. */
export async function callEcs<T>(call: EcsCall, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw ecsPortError(error, call);
  }
}

/** DescribeTaskDefinition's answer for a family or revision that does not exist (a 400 ClientException, not a failures[] entry). */
export function isUnknownTaskDefinition(error: unknown): boolean {
  return error instanceof Error && error.name === 'ClientException' && /Unable to describe task definition/i.test(error.message);
}
