import { sendJson } from '../sandbox-handler.js';
import { readCollection } from './kube-collection.js';
import type { VerbHandler } from './kube-request.js';
import { objectBody } from './kube-representation.js';
import { notFound, sendStatus } from './kube-status.js';

/** GET of one object by name. */
export const getObject: VerbHandler = ({ world, store, resource, route, representation }, res) => {
  const name = route.name ?? '';
  const object = readCollection(world, store, resource, route.namespace).find((o) => o.metadata?.name === name);
  if (!object) return sendStatus(res, notFound(resource, name));
  sendJson(res, 200, objectBody(object, resource, representation));
};
