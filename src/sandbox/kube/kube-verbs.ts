import { createJob } from './job-create.js';
import { deleteJob } from './job-delete.js';
import { getObject } from './kube-get.js';
import { listObjects } from './kube-list.js';
import { patchObject } from './kube-patch.js';
import type { VerbHandler } from './kube-request.js';
import type { KubeVerb } from './kube-resources.js';
import type { ResourceRoute } from './kube-routes.js';
import { watchObjects } from './kube-watch.js';

/** The verb the API server derives from method, path and query, which RBAC and faults are keyed by. */
export function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): KubeVerb | undefined {
  switch (method) {
    case 'GET': {
      const watch = query.get('watch');
      if (watch === 'true' || watch === '1') return 'watch';
      return route.name === undefined ? 'list' : 'get';
    }
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name === undefined ? 'deletecollection' : 'delete';
    default:
      return undefined;
  }
}

/** Verbs the sandbox implements; a resource serves those of them its definition lists. */
export const VERB_HANDLERS: Partial<Record<KubeVerb, VerbHandler>> = {
  get: getObject,
  list: listObjects,
  watch: watchObjects,
  patch: patchObject,
  // Only Jobs are created and deleted in the sandbox.
  create: createJob,
  delete: deleteJob,
};
