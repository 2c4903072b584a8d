import type { SandboxState } from '../sandbox-state.js';
import type { KubeObject } from './kube-objects.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change to one object, as a watch delivers it; `resourceKey` is "apps/deployments", "/pods", ... */
export interface StoredChange {
  resourceKey: string;
  namespace: string;
  type: WatchEventType;
  /** The object as it was right after the change (a copy: later changes do not alter it). */
  object: KubeObject;
  resourceVersion: number;
}

export type ChangeListener = (change: StoredChange) => void;

/** The objects the rollout controller derives from Deployments, per namespace. */
export interface DerivedObjects {
  replicasets: KubeObject[];
  pods: KubeObject[];
  events: KubeObject[];
}

/** How many changes the store keeps for watches resuming from a resourceVersion (etcd compacts older ones). */
const DEFAULT_HISTORY_LIMIT = 5000;

/**
 * What the sandbox's API server remembers beside the world: the resourceVersion
 * counter (etcd's revision), the time objects without a creationTimestamp were
 * "created", objects it synthesizes (Secrets, Namespaces) so that their
 * uid and resourceVersion stay the same from one request to the next, the
 * objects the rollout controller derives, and the change log watches read.
 */
export class KubeStore {
  readonly createdAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  private revision = 0;
  private readonly synthesized = new Map<string, unknown>();
  private readonly derived = new Map<string, DerivedObjects>();
  private readonly history: StoredChange[] = [];
  private readonly listeners = new Set<ChangeListener>();
  /** Closes every open watch stream; set by the watch handler's streams. */
  readonly closers = new Set<() => void>();

  constructor(private readonly historyLimit = DEFAULT_HISTORY_LIMIT) {}

  nextResourceVersion(): string {
    this.revision += 1;
    return String(this.revision);
  }

  currentResourceVersion(): string {
    return String(this.revision);
  }

  /** The object made once for `key`, made now if it is the first time. */
  remember<T>(key: string, make: () => T): T {
    if (!this.synthesized.has(key)) this.synthesized.set(key, make());
    return this.synthesized.get(key) as T;
  }

  derivedIn(namespace: string): DerivedObjects {
    let objects = this.derived.get(namespace);
    if (!objects) {
      objects = { replicasets: [], pods: [], events: [] };
      this.derived.set(namespace, objects);
    }
    return objects;
  }

  /**
   * Records a change already made to `object`: gives it the next resourceVersion
   * and tells every watcher.
   */
  publish(resourceKey: string, namespace: string, type: WatchEventType, object: KubeObject): void {
    const metadata = (object.metadata ??= {});
    metadata.resourceVersion = this.nextResourceVersion();
    const change: StoredChange = { resourceKey, namespace, type, object: structuredClone(object), resourceVersion: this.revision };
    this.history.push(change);
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
    for (const listener of [...this.listeners]) listener(change);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  oldestResumableVersion(): number {
    const first = this.history[0];
    return first ? first.resourceVersion - 1 : this.revision;
  }

  /** Forgets all but the newest `keep` changes, as etcd compaction does; watches from before then get 410. */
  compact(keep: number): void {
    this.history.splice(0, Math.max(0, this.history.length - keep));
  }

  changesSince(resourceVersion: number): StoredChange[] {
    return this.history.filter((c) => c.resourceVersion > resourceVersion);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const stores = new WeakMap<SandboxState, KubeStore>();
export function kubeStoreOf(state: SandboxState): KubeStore {
  let store = stores.get(state);
  if (!store) {
    store = new KubeStore();
    stores.set(state, store);
  }
  return store;
}

export function existingKubeStoreOf(state: SandboxState): KubeStore | undefined {
  return stores.get(state);
}
