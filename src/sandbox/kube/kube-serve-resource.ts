import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxState } from '../sandbox-state.js';
import { negotiate, ACCEPTED_MEDIA_TYPES } from './kube-accept.js';
import { SANDBOX_KUBE_USER } from './kube-auth.js';
import { servePodLog } from './job-pod-log.js';
import { findResource } from './kube-resources.js';
import type { ResourceRoute } from './kube-routes.js';
import {
  forbidden,
  methodNotAllowed,
  methodNotSupported,
  notAcceptable,
  resourceNotFound,
  sendStatus,
  tooManyRequests,
} from './kube-status.js';
import { kubeStoreOf } from './kube-store.js';
import { argoRolloutControllerOf } from './rollout-argo-controller.js';
import { rolloutControllerOf } from './rollout-controller.js';
import { VERB_HANDLERS, verbOf } from './kube-verbs.js';

const RETRY_AFTER_SECONDS = 1;

/**
 * A request for a resource, after authentication, in the API server's order:
 * routing, priority and fairness (faults.throttle), authorization
 * (faults.deny, keyed `k8s:<verb>:<resource>`), then the verb itself.
 */
export async function serveResource(
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  query: URLSearchParams,
  body: Buffer,
  state: SandboxState,
): Promise<void> {
  const resource = findResource(route.group, route.version, route.resource);
  // A namespaced resource is read in a namespace, or listed across all; a cluster-scoped one never has a namespace.
  const scopeMatches = resource?.namespaced ? route.namespace !== undefined || route.name === undefined : route.namespace === undefined;
  // Of the subresources (status, scale, log, …) only a pod's log and a custom resource's status are served.
  const podLog = route.group === '' && route.resource === 'pods' && route.name !== undefined && route.subresource === 'log';
  const customStatus = resource?.custom === true && route.name !== undefined && route.subresource === 'status';
  if (!resource || !scopeMatches || (route.subresource !== undefined && !podLog && !customStatus)) return sendStatus(res, resourceNotFound());

  const verb = verbOf(req.method ?? 'GET', route, query);
  if (!verb) return sendStatus(res, methodNotAllowed());

  const action = `k8s:${verb}:${resource.resource}${route.subresource !== undefined ? `/${route.subresource}` : ''}`;
  if (state.isThrottled(action)) {
    return sendStatus(res, tooManyRequests(RETRY_AFTER_SECONDS), { 'retry-after': String(RETRY_AFTER_SECONDS) });
  }
  if (state.isDenied(action)) {
    return sendStatus(
      res,
      forbidden({
        verb,
        user: SANDBOX_KUBE_USER,
        group: resource.group,
        resource: route.subresource !== undefined ? `${resource.resource}/${route.subresource}` : resource.resource,
        ...(route.name !== undefined ? { name: route.name } : {}),
        ...(route.namespace !== undefined ? { namespace: route.namespace } : {}),
      }),
    );
  }

  if (podLog) {
    if (verb !== 'get') return sendStatus(res, methodNotSupported({ group: '', resource: 'pods/log' }, verb));
    rolloutControllerOf(state);
    return servePodLog(state.world, kubeStoreOf(state), route.namespace ?? '', route.name ?? '', query, res);
  }
  const handler = VERB_HANDLERS[verb];
  if (!handler || !resource.verbs.includes(verb)) return sendStatus(res, methodNotSupported(resource, verb));

  const representation = negotiate(req.headers.accept, route.name === undefined);
  if (!representation) return sendStatus(res, notAcceptable(ACCEPTED_MEDIA_TYPES));

  // ReplicaSets, Pods and Events exist from the first request on, derived from the world's Deployments.
  rolloutControllerOf(state);
  argoRolloutControllerOf(state);
  const contentType = req.headers['content-type'];
  await handler(
    { world: state.world, store: kubeStoreOf(state), resource, route, query, representation, body, ...(contentType ? { contentType } : {}) },
    res,
  );
}
