import type { ServerResponse } from 'node:http';
import type { World } from '../world.js';
import type { KubeRepresentation } from './kube-accept.js';
import type { KubeResource } from './kube-resources.js';
import type { ResourceRoute } from './kube-routes.js';
import type { KubeStore } from './kube-store.js';

/** A resource request that passed authentication, authorization and negotiation. */
export interface KubeRequest {
  world: World;
  store: KubeStore;
  resource: KubeResource;
  route: ResourceRoute;
  query: URLSearchParams;
  representation: KubeRepresentation;
  body: Buffer;
  /** The request's Content-Type header, which says how a PATCH body is to be applied. */
  contentType?: string;
}

/** Serves one verb; writes the whole answer (or, for a watch, a stream) to `res`. */
export type VerbHandler = (request: KubeRequest, res: ServerResponse) => void | Promise<void>;
