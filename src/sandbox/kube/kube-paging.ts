import { storageKey } from './kube-collection.js';
import type { KubeObject } from './kube-objects.js';
import type { ListMeta } from './kube-representation.js';

export class ContinueTokenError extends Error {}

export interface PageRequest {
  /** 0 or absent: everything. */
  limit?: number;
  continueToken?: string;
  /** The store's current resourceVersion, stamped on a first page and carried in its tokens. */
  resourceVersion: string;
  /** With a label or field selector the API server cannot count what is left, so it omits remainingItemCount. */
  filtered: boolean;
}

export interface Page {
  items: KubeObject[];
  metadata: ListMeta;
}

interface ContinueKey {
  v: string;
  rv: number;
  start: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

/**
 * `limit` / `continue` chunking. The token is opaque to clients; like etcd3's,
 * it carries the list's resourceVersion and the key to start after, so later
 * pages report the first page's resourceVersion.
 */
export function paginate(objects: KubeObject[], request: PageRequest): Page {
  const position = request.continueToken ? decodeContinue(request.continueToken) : undefined;
  const resourceVersion = position ? String(position.rv) : request.resourceVersion;
  const remaining = position ? objects.filter((o) => storageKey(o) >= position.start) : objects;
  if (!request.limit || remaining.length <= request.limit) return { items: remaining, metadata: { resourceVersion } };
  const items = remaining.slice(0, request.limit);
  const last = items[items.length - 1]!;
  return {
    items,
    metadata: {
      resourceVersion,
      continue: encodeContinue({ v: TOKEN_VERSION, rv: Number(resourceVersion), start: `${storageKey(last)}\u0000` }),
      ...(request.filtered ? {} : { remainingItemCount: remaining.length - items.length }),
    },
  };
}

function encodeContinue(key: ContinueKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeContinue(token: string): ContinueKey {
  let key: Partial<ContinueKey>;
  try {
    key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueKey>;
  } catch {
    throw new ContinueTokenError('continue key is not valid: not a token this server issued');
  }
  if (key?.v !== TOKEN_VERSION) {
    throw new ContinueTokenError(`continue key is not valid: incorrect encoded start resourceVersion (version ${TOKEN_VERSION})`);
  }
  if (typeof key.rv !== 'number' || typeof key.start !== 'string') {
    throw new ContinueTokenError('continue key is not valid: missing resourceVersion or start key');
  }
  return { v: key.v, rv: key.rv, start: key.start };
}
