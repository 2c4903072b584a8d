import { sendJson } from '../sandbox-handler.js';
import { readCollection } from './kube-collection.js';
import { parseFieldSelector } from './kube-field-selector.js';
import { parseLabelSelector, SelectorError } from './kube-label-selector.js';
import { ContinueTokenError, paginate } from './kube-paging.js';
import type { VerbHandler } from './kube-request.js';
import { listBody } from './kube-representation.js';
import { badRequest, sendStatus } from './kube-status.js';

/** GET of a collection, with labelSelector, fieldSelector and limit/continue chunking. */
export const listObjects: VerbHandler = ({ world, store, resource, route, query, representation }, res) => {
  const labelSelector = query.get('labelSelector') ?? '';
  const fieldSelector = query.get('fieldSelector') ?? '';
  const limitText = query.get('limit') ?? '';
  if (!/^\d*$/.test(limitText)) return sendStatus(res, badRequest(`invalid limit "${limitText}": must be a non-negative integer`));
  try {
    const matchesLabels = parseLabelSelector(labelSelector);
    const matchesFields = parseFieldSelector(fieldSelector);
    const objects = readCollection(world, store, resource, route.namespace).filter(
      (o) => matchesLabels(o.metadata?.labels) && matchesFields(o),
    );
    const continueToken = query.get('continue');
    const page = paginate(objects, {
      ...(limitText ? { limit: Number(limitText) } : {}),
      ...(continueToken ? { continueToken } : {}),
      resourceVersion: store.currentResourceVersion(),
      filtered: labelSelector.trim() !== '' || fieldSelector.trim() !== '',
    });
    sendJson(res, 200, listBody(page.items, resource, representation, page.metadata));
  } catch (error) {
    if (error instanceof SelectorError || error instanceof ContinueTokenError) return sendStatus(res, badRequest(error.message));
    throw error;
  }
};
