import type { Clock } from '../ports/clock.port.js';

export interface SnapshotCacheOptions {
  clock: Clock;
  /** A value is served until it is this old, counted from when its computation began. */
  maxAgeMs: number;
}

/**
 * One value, recomputed at most once per `maxAgeMs` whatever the number of
 * readers: readers arriving while a computation is under way share it
 * (single flight), and later ones get its result until it is too old. A
 * failed computation is not kept: the next reader starts another.
 */
export class SnapshotCache<V> {
  private current: { startedAt: number; value: Promise<V> } | undefined;

  constructor(
    private readonly compute: () => Promise<V>,
    private readonly options: SnapshotCacheOptions,
  ) {}

  get(): Promise<V> {
    const now = this.options.clock.now().getTime();
    if (this.current && now - this.current.startedAt <= this.options.maxAgeMs) return this.current.value;
    const entry = { startedAt: now, value: Promise.resolve().then(() => this.compute()) };
    this.current = entry;
    entry.value.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return entry.value;
  }
}
