import { sendJson, type SandboxHandler } from '../sandbox-handler.js';
import type { SandboxState } from '../sandbox-state.js';
import { isAuthenticated } from './kube-auth.js';
import { discoveryDocument } from './kube-discovery.js';
import { parseKubeRoute, type ResourceRoute } from './kube-routes.js';
import { serveResource } from './kube-serve-resource.js';
import { methodNotAllowed, resourceNotFound, sendStatus, unauthorized } from './kube-status.js';
import { verbOf } from './kube-verbs.js';

/**
 * The Kubernetes REST API (/api, /apis, /version), as strict as a real API
 * server: a bearer token, RBAC-style 403s from faults.deny, Status objects for
 * every error. Each call is recorded as `METHOD /path` (without the query),
 * and a resource request also as the RBAC permission it needs.
 * A web endpoint the world declares at the same path (a service's own
 * /api/login, say) is left to the web handler.
 */
export const kubeHandler: SandboxHandler = async (req, res, body, state) => {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const route = parseKubeRoute(url.pathname);
  if (!route || state.world.http.endpoints.some((e) => e.path === url.pathname)) return false;
  const method = req.method ?? 'GET';
  state.record('kubernetes', `${method} ${url.pathname}`);
  if (route.type === 'resource') recordRbacPermission(state, route, method, url.searchParams, req.headers['user-agent']);

  if (!isAuthenticated(req)) sendStatus(res, unauthorized());
  else if (route.type === 'resource') await serveResource(req, res, route, url.searchParams, body, state);
  else if (route.type === 'unknown') sendStatus(res, resourceNotFound());
  else if (method !== 'GET') sendStatus(res, methodNotAllowed());
  else {
    const document = discoveryDocument(route, req.headers.host ?? '127.0.0.1');
    if (document === undefined) sendStatus(res, resourceNotFound());
    else sendJson(res, 200, document);
  }
  return true;
};

/**
 * The verb, group and resource RBAC authorizes the request by. Discovery
 * paths (/api, /apis, /version) need none: every authenticated user may read
 * them through the built-in system:discovery role.
 */
function recordRbacPermission(
  state: SandboxState,
  route: ResourceRoute,
  method: string,
  query: URLSearchParams,
  userAgent: string | undefined,
): void {
  const verb = verbOf(method, route, query);
  if (!verb) return;
  const resource = route.subresource === undefined ? route.resource : `${route.resource}/${route.subresource}`;
  const byName = route.name !== undefined || namesOneObject(query.get('fieldSelector'));
  state.recordPermission({ system: 'kubernetes', group: route.group, resource, verb, byName }, userAgent);
}

/** Whether a field selector pins metadata.name, as a list or watch must to pass a resourceNames rule. */
function namesOneObject(fieldSelector: string | null): boolean {
  return (fieldSelector ?? '').split(',').some((term) => /^metadata\.name==?[^=]/.test(term.trim()));
}
