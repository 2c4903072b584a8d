import { readCollection } from './kube-collection.js';
import { parseFieldSelector } from './kube-field-selector.js';
import { parseLabelSelector, SelectorError } from './kube-label-selector.js';
import type { KubeObject } from './kube-objects.js';
import type { VerbHandler } from './kube-request.js';
import { objectBody } from './kube-representation.js';
import { resourceKeyOf } from './kube-resources.js';
import { badRequest, expired, sendStatus } from './kube-status.js';
import type { StoredChange } from './kube-store.js';

/** A real API server picks a random timeout between 30 and 60 minutes when the client names none. */
const DEFAULT_TIMEOUT_SECONDS = 1800;

/**
 * `?watch=true` on a collection: newline-delimited JSON events over a chunked
 * 200 response. Without a resourceVersion (or with "0") the stream starts with
 * ADDED for every current object; with one, it replays the changes after it,
 * or sends a 410 Expired ERROR event when that version has been compacted.
 * The stream ends after timeoutSeconds, with a BOOKMARK first when the client
 * allows them, so it can resume where it was.
 */
export const watchObjects: VerbHandler = ({ world, store, resource, route, query, representation }, res) => {
  let matches: (object: KubeObject) => boolean;
  try {
    const matchesLabels = parseLabelSelector(query.get('labelSelector') ?? '');
    const matchesFields = parseFieldSelector(query.get('fieldSelector') ?? '');
    matches = (o) => matchesLabels(o.metadata?.labels) && matchesFields(o);
  } catch (error) {
    if (error instanceof SelectorError) return sendStatus(res, badRequest(error.message));
    throw error;
  }
  const timeoutText = query.get('timeoutSeconds') ?? '';
  if (!/^\d*$/.test(timeoutText)) return sendStatus(res, badRequest(`invalid timeoutSeconds "${timeoutText}"`));
  const resourceVersionText = query.get('resourceVersion') ?? '';
  if (!/^\d*$/.test(resourceVersionText)) return sendStatus(res, badRequest(`invalid resource version: ${resourceVersionText}`));
  const fromVersion = resourceVersionText === '' ? 0 : Number(resourceVersionText);
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const resourceKey = resourceKeyOf(resource);

  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  res.flushHeaders();
  const send = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
  const sendObject = (type: string, object: KubeObject) => send(type, objectBody(object, resource, representation));

  if (fromVersion > 0 && fromVersion < store.oldestResumableVersion()) {
    send('ERROR', expired(fromVersion, store.oldestResumableVersion()));
    res.end();
    return;
  }

  const relevant = (change: StoredChange) =>
    change.resourceKey === resourceKey && (route.namespace === undefined || change.namespace === route.namespace) && matches(change.object);
  const deliver = (change: StoredChange) => {
    if (relevant(change)) sendObject(change.type, change.object);
  };

  // Subscribing, then writing what is already there, in one synchronous step: no change can fall in between.
  const unsubscribe = store.subscribe(deliver);
  if (fromVersion === 0) {
    for (const object of readCollection(world, store, resource, route.namespace).filter(matches)) sendObject('ADDED', object);
  } else {
    for (const change of store.changesSince(fromVersion)) deliver(change);
  }

  const finish = () => {
    clearTimeout(timer);
    unsubscribe();
    store.closers.delete(finish);
    if (!res.writableEnded) {
      if (bookmarks && !res.destroyed) send('BOOKMARK', { kind: resource.kind, apiVersion: apiVersionOf(resource), metadata: { resourceVersion: store.currentResourceVersion() } });
      res.end();
    }
  };
  const timeoutSeconds = timeoutText === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeoutText);
  const timer = setTimeout(finish, timeoutSeconds * 1000);
  timer.unref();
  store.closers.add(finish);
  res.on('close', finish);
};

const apiVersionOf = (r: { group: string; version: string }) => (r.group ? `${r.group}/${r.version}` : r.version);
