import type { SandboxState } from '../sandbox-state.js';

/**
 * What the sandbox's API server remembers beside the world: the resourceVersion
 * counter (etcd's revision), the time objects without a creationTimestamp were
 * "created", and objects it synthesizes (Secrets, Namespaces) so that their
 * uid and resourceVersion stay the same from one request to the next.
 */
export class KubeStore {
  readonly createdAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  private revision = 0;
  private readonly synthesized = new Map<string, unknown>();

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
