import { describe, expect, it } from 'vitest';
import { SnapshotCache } from '../../../src/app/snapshot-cache.js';
import { ManualClock } from '../builds/build-fixtures.js';

/** A computation the test finishes by hand, counting how often it was started. */
function gatedComputation() {
  const runs: Array<{ resolve(value: string): void; reject(error: Error): void }> = [];
  return {
    runs,
    compute: () => new Promise<string>((resolve, reject) => runs.push({ resolve, reject })),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('SnapshotCache', () => {
  it('shares one computation in progress among every concurrent reader (single flight)', async () => {
    // given
    const clock = new ManualClock();
    const { runs, compute } = gatedComputation();
    const cache = new SnapshotCache(compute, { clock, maxAgeMs: 60_000 });
    // when 100 readers arrive while it runs
    const readers = Array.from({ length: 100 }, () => cache.get());
    await flush();
    runs[0]!.resolve('snapshot 1');
    // then
    expect(runs).toHaveLength(1);
    expect(new Set(await Promise.all(readers))).toEqual(new Set(['snapshot 1']));
  });

  it('serves the finished value until it is maxAgeMs old, counted from when it began, then computes again', async () => {
    // given a value whose computation began at t0 and took 10 s
    const clock = new ManualClock();
    const { runs, compute } = gatedComputation();
    const cache = new SnapshotCache(compute, { clock, maxAgeMs: 60_000 });
    const first = cache.get();
    await flush();
    clock.advance(10_000);
    runs[0]!.resolve('snapshot 1');
    await first;
    // when read at t0 + 60 s
    clock.advance(50_000);
    const atLimit = await cache.get();
    // then still the same value, nothing computed
    expect(atLimit).toBe('snapshot 1');
    expect(runs).toHaveLength(1);
    // when read 1 ms later
    clock.advance(1);
    const later = cache.get();
    await flush();
    runs[1]!.resolve('snapshot 2');
    // then a new computation
    expect(await later).toBe('snapshot 2');
    expect(runs).toHaveLength(2);
  });

  it('keeps no failed computation: its readers see the failure, the next reader starts again', async () => {
    // given
    const clock = new ManualClock();
    const { runs, compute } = gatedComputation();
    const cache = new SnapshotCache(compute, { clock, maxAgeMs: 60_000 });
    const failing = [cache.get(), cache.get()];
    await flush();
    runs[0]!.reject(new Error('cluster unreachable'));
    // when
    const results = await Promise.allSettled(failing);
    const retried = cache.get();
    await flush();
    runs[1]!.resolve('snapshot 2');
    // then
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await retried).toBe('snapshot 2');
    expect(runs).toHaveLength(2);
  });

  it('a computation that throws at once is a failed computation, not a crash', async () => {
    // given
    const cache = new SnapshotCache<string>(() => {
      throw new Error('bad config');
    }, { clock: new ManualClock(), maxAgeMs: 60_000 });
    // when / then
    await expect(cache.get()).rejects.toThrow('bad config');
  });
});
