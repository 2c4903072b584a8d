import type { ServerResponse } from 'node:http';
import { sendJson } from '../sandbox-handler.js';

/**
 * `Status` objects shaped exactly as k8s.io/apimachinery's api/errors builds
 * them: `details.kind` is the resource (plural), `group` and `name` are left
 * out when empty, and `details` is absent where the API server omits it.
 */

export interface GroupResource {
  /** '' for the core group. */
  group: string;
  /** Plural, e.g. "deployments". */
  resource: string;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; retryAfterSeconds?: number; causes?: StatusCause[] };
  code: number;
}

/** One field error of a 422, as field.Error renders it. */
export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** "deployments.apps", or "secrets" for the core group: how the API server names a resource in messages. */
export const qualifiedResource = ({ group, resource }: GroupResource): string => (group ? `${resource}.${group}` : resource);

function status(code: number, reason: string, message: string, details?: KubeStatus['details']): KubeStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function detailsOf(target: GroupResource, name = ''): NonNullable<KubeStatus['details']> {
  return { ...(name ? { name } : {}), ...(target.group ? { group: target.group } : {}), kind: target.resource };
}

export function notFound(target: GroupResource, name: string): KubeStatus {
  return status(404, 'NotFound', `${qualifiedResource(target)} "${name}" not found`, detailsOf(target, name));
}

/** A create naming an object that exists: `jobs.batch "migrate" already exists`. */
export function alreadyExists(target: GroupResource, name: string): KubeStatus {
  return status(409, 'AlreadyExists', `${qualifiedResource(target)} "${name}" already exists`, detailsOf(target, name));
}

/** A path the server does not serve at all (unknown resource, group or version). */
export function resourceNotFound(): KubeStatus {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export interface ForbiddenRequest extends GroupResource {
  verb: string;
  user: string;
  /** Left out for a collection (list, watch). */
  name?: string;
  /** Left out for cluster-scoped requests. */
  namespace?: string;
}

/** What the RBAC authorizer answers; the message names user, verb, resource and scope, as a real cluster does. */
export function forbidden(request: ForbiddenRequest): KubeStatus {
  const subject = request.name ? `${qualifiedResource(request)} "${request.name}"` : qualifiedResource(request);
  const scope = request.namespace ? `in the namespace "${request.namespace}"` : 'at the cluster scope';
  const reason = `User "${request.user}" cannot ${request.verb} resource "${request.resource}" in API group "${request.group}" ${scope}`;
  return status(403, 'Forbidden', `${subject} is forbidden: ${reason}`, detailsOf(request, request.name));
}

export function unauthorized(): KubeStatus {
  return status(401, 'Unauthorized', 'Unauthorized');
}

export function methodNotSupported(target: GroupResource, verb: string): KubeStatus {
  return status(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qualifiedResource(target)}"`, detailsOf(target));
}

/** For discovery and /version, which serve GET only. */
export function methodNotAllowed(): KubeStatus {
  return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function badRequest(message: string): KubeStatus {
  return status(400, 'BadRequest', message);
}

export function notAcceptable(accepted: readonly string[]): KubeStatus {
  return status(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

/** API Priority and Fairness rejecting a request; sent with a matching Retry-After header. */
export function tooManyRequests(retryAfterSeconds: number): KubeStatus {
  return status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
}

/** 422 from validation: `Deployment.apps "backend" is invalid: <field>: <message>; <field>: <message>`. */
export function invalid(target: GroupResource & { kind: string }, name: string, causes: StatusCause[]): KubeStatus {
  const qualifiedKind = target.group ? `${target.kind}.${target.group}` : target.kind;
  const listed = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`;
  return status(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${summary}`, {
    name,
    ...(target.group ? { group: target.group } : {}),
    kind: target.kind,
    causes,
  });
}

/** A patch that cannot be applied to the object (a JSON Patch path or test that fails). */
export function unprocessablePatch(message: string): KubeStatus {
  return status(422, 'Invalid', message);
}

export function unsupportedMediaType(accepted: readonly string[]): KubeStatus {
  return status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

/** What a watch reports when asked to resume from a compacted resourceVersion. */
export function expired(requested: number, oldest: number): KubeStatus {
  return status(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

export function sendStatus(res: ServerResponse, body: KubeStatus, headers: Record<string, string> = {}): void {
  sendJson(res, body.code, body, headers);
}
