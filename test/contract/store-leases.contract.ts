import { describe, expect, it } from 'vitest';
import { at, type OpenStore } from './store-fixtures.js';

const claim = (holder: string, when: string, ttlMs = 15_000) => ({ name: 'leader', holder, at: at(when), ttlMs });

/** The leader lease: one holder at a time, renewed by its holder, taken over once it expires, given up on release. */
export function leasesContract(open: OpenStore): void {
  describe('leases', () => {
    it('given a free lease, when a replica claims it, then it holds it and another replica does not', async () => {
      const store = await open();

      expect(await store.tryLease(claim('replica-a', '2025-03-04T09:00:00.000Z'))).toBe(true);
      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:05.000Z'))).toBe(false);
    });

    it('given a held lease, when its holder renews it before expiry, then the other replica still cannot take it after the first expiry', async () => {
      const store = await open();
      await store.tryLease(claim('replica-a', '2025-03-04T09:00:00.000Z'));

      expect(await store.tryLease(claim('replica-a', '2025-03-04T09:00:10.000Z'))).toBe(true);
      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:16.000Z'))).toBe(false);
      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:25.000Z'))).toBe(true);
    });

    it('given an expired lease, when another replica claims it, then it takes over and the old holder cannot renew', async () => {
      const store = await open();
      await store.tryLease(claim('replica-a', '2025-03-04T09:00:00.000Z'));

      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:15.000Z'))).toBe(true);
      expect(await store.tryLease(claim('replica-a', '2025-03-04T09:00:16.000Z'))).toBe(false);
    });

    it('given a held lease, when its holder releases it, then another replica takes it at once; a release by a non-holder changes nothing', async () => {
      const store = await open();
      await store.tryLease(claim('replica-a', '2025-03-04T09:00:00.000Z'));

      await store.releaseLease('leader', 'replica-b');
      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:01.000Z'))).toBe(false);
      await store.releaseLease('leader', 'replica-a');
      expect(await store.tryLease(claim('replica-b', '2025-03-04T09:00:02.000Z'))).toBe(true);
    });

    it('given a free lease, when ten replicas claim it at once, then exactly one holds it', async () => {
      const stores = await Promise.all(Array.from({ length: 3 }, () => open()));

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => stores[i % stores.length]!.tryLease(claim(`replica-${i}`, '2025-03-04T09:00:00.000Z'))),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('given a store, when pinged, then it answers', async () => {
      const store = await open();

      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
