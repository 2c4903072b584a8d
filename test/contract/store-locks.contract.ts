import { describe, expect, it } from 'vitest';
import { at, aLock, type OpenStore } from './store-fixtures.js';

/** Deploy locks: taken once, held, released, expired; decided once under contention. */
export function locksContract(open: OpenStore): void {
  describe('locks', () => {
    it('given a free service, when a lock is acquired, then it is taken and can be read back', async () => {
      const store = await open();
      const lock = aLock({ until: at('2025-03-04T18:00:00.250Z') });

      expect(await store.acquireLock(lock)).toEqual({ acquired: true, lock });
      expect(await store.getLock('backend', 'production')).toEqual(lock);
      expect(await store.getLock('backend', 'staging')).toBeUndefined();
    });

    it('given a held lock, when someone else acquires it, then it is not taken and the holder is returned', async () => {
      const store = await open();
      const held = aLock();
      await store.acquireLock(held);

      const attempt = await store.acquireLock(aLock({ holder: 'U0BOB', reason: 'deploy', at: at('2025-03-04T07:00:00.000Z') }));

      expect(attempt).toEqual({ acquired: false, lock: held });
      expect(await store.getLock('backend', 'production')).toEqual(held);
    });

    it('given a held lock, when it is released, then it is gone and the next acquirer takes it', async () => {
      const store = await open();
      await store.acquireLock(aLock());

      expect(await store.releaseLock('backend', 'production')).toBe(true);
      expect(await store.releaseLock('backend', 'production')).toBe(false);
      expect(await store.getLock('backend', 'production')).toBeUndefined();
      expect((await store.acquireLock(aLock({ holder: 'U0BOB' }))).acquired).toBe(true);
    });

    it('given a lock held until a time, when acquired at or after that time, then it is taken over; before it, not', async () => {
      const store = await open();
      await store.acquireLock(aLock({ until: at('2025-03-04T08:00:00.000Z') }));

      const early = await store.acquireLock(aLock({ holder: 'U0BOB', at: at('2025-03-04T07:59:59.999Z') }));
      const onTime = await store.acquireLock(aLock({ holder: 'U0CAROL', at: at('2025-03-04T08:00:00.000Z') }));

      expect(early).toMatchObject({ acquired: false, lock: { holder: 'U0ALICE' } });
      expect(onTime).toMatchObject({ acquired: true, lock: { holder: 'U0CAROL' } });
      expect(await store.getLock('backend', 'production')).toEqual(aLock({ holder: 'U0CAROL', at: at('2025-03-04T08:00:00.000Z') }));
    });

    it('given a free service, when 10 callers on two replicas acquire it at once, then exactly one gets it and all see the same holder', async () => {
      const [first, second] = [await open(), await open()];

      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).acquireLock(aLock({ holder: `U0DEPLOYER${i}` }))),
      );

      const winners = attempts.filter((a) => a.acquired);
      expect(winners).toHaveLength(1);
      expect(new Set(attempts.map((a) => a.lock.holder))).toEqual(new Set([winners[0]!.lock.holder]));
      expect((await second.getLock('backend', 'production'))?.holder).toBe(winners[0]!.lock.holder);
    });
  });
}
