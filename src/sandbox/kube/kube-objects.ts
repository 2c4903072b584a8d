import { createHash } from 'node:crypto';
import type { KubeStore } from './kube-store.js';

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** An API object as JSON: kind, apiVersion, metadata, spec, status, ... */
export interface KubeObject {
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export interface StampOptions {
  /** Key that makes the uid unique, e.g. "apps/deployments/shop-staging/backend". */
  identity: string;
  namespace?: string;
  /** Whether the resource counts spec changes in metadata.generation (Deployments do). */
  tracksGeneration: boolean;
  store: KubeStore;
}

/**
 * Fills in the metadata the API server always sets and a world file may leave
 * out. It writes into the object itself, so the values stay stable across
 * requests and a later update can bump them.
 */
export function stampMetadata(object: KubeObject, options: StampOptions): KubeObject {
  const metadata = (object.metadata ??= {});
  if (!metadata.name) throw new Error(`sandbox world: an object of ${options.identity} has no metadata.name`);
  if (options.namespace) metadata.namespace ??= options.namespace;
  metadata.uid ??= stableUid(options.identity);
  metadata.resourceVersion ??= options.store.nextResourceVersion();
  metadata.creationTimestamp ??= options.store.createdAt;
  if (options.tracksGeneration) metadata.generation ??= 1;
  return object;
}

/** A UUID-shaped id derived from the object's identity, so it is the same in every run. */
export function stableUid(identity: string): string {
  const hex = createHash('sha1').update(identity).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
