import { describe, expect, it } from 'vitest';
import type { DigestRecord } from '../../src/ports/store.port.js';
import { anAuditEntry, at, type OpenStore } from './store-fixtures.js';

const SLOT = at('2025-03-10T08:00:00.000Z');

/** A scheduled digest for `slot` in staging, posted on time. */
function aDigest(overrides: Partial<DigestRecord> = {}): DigestRecord & { slot: Date } {
  return {
    environment: 'staging',
    slot: SLOT,
    postedAt: at('2025-03-10T08:00:01.250Z'),
    late: false,
    score: 87,
    failing: ['backend ecr.image-exists', 'frontend k8s.secrets-present'],
    channelId: 'C0RELEASES',
    ...overrides,
  } as DigestRecord & { slot: Date };
}

/** An on-demand digest: no slot at all. */
function anOnDemandDigest(postedAt: string, overrides: Partial<DigestRecord> = {}): DigestRecord {
  const { slot: _slot, ...rest } = aDigest({ postedAt: at(postedAt), ...overrides });
  return rest;
}

/** Digests: one claim per environment and slot, the newest digest, and the audit history they read. */
export function digestsContract(open: OpenStore): void {
  describe('digests', () => {
    it('given two replicas, when both claim the same slot ten times at once, then exactly one claim succeeds', async () => {
      const [first, second] = [await open(), await open()];

      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).claimDigest(aDigest({ channelId: `C${i}` }))));

      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = claims.indexOf(true);
      expect(await second.lastDigest('staging')).toEqual(aDigest({ channelId: `C${winner}` }));
      expect(await first.claimDigest(aDigest())).toBe(false);
    });

    it('given a claimed slot, when another slot or another environment claims, then each succeeds once', async () => {
      const store = await open();
      expect(await store.claimDigest(aDigest())).toBe(true);

      const nextSlot = await store.claimDigest(aDigest({ slot: at('2025-03-11T08:00:00.000Z'), postedAt: at('2025-03-11T08:00:00.500Z') }));
      const production = await store.claimDigest(aDigest({ environment: 'production' }));
      const productionAgain = await store.claimDigest(aDigest({ environment: 'production' }));

      expect([nextSlot, production, productionAgain]).toEqual([true, true, false]);
      expect((await store.lastDigest('staging'))?.slot).toEqual(at('2025-03-11T08:00:00.000Z'));
      expect((await store.lastDigest('production'))?.environment).toBe('production');
    });

    it('given on-demand digests, when several are recorded, then none conflicts and none blocks a scheduled claim', async () => {
      const store = await open();

      await store.recordDigest(anOnDemandDigest('2025-03-10T09:00:00.000Z'));
      await store.recordDigest(anOnDemandDigest('2025-03-10T09:00:00.000Z'));
      await store.recordDigest(anOnDemandDigest('2025-03-10T09:05:00.000Z', { score: 12 }));

      expect(await store.lastDigest('staging')).toEqual(anOnDemandDigest('2025-03-10T09:05:00.000Z', { score: 12 }));
      expect(await store.lastDigest('staging')).not.toHaveProperty('slot');
      expect(await store.claimDigest(aDigest())).toBe(true);
    });

    it('given scheduled and later on-demand digests, when the last one is asked for, then it is the newest, or the newest scheduled when asked', async () => {
      const store = await open();
      await store.claimDigest(aDigest({ slot: at('2025-03-09T08:00:00.000Z'), postedAt: at('2025-03-09T08:00:00.000Z'), score: 50 }));
      await store.claimDigest(aDigest({ late: true, postedAt: at('2025-03-10T08:42:00.000Z'), score: 60 }));
      await store.claimDigest(aDigest({ slot: at('2025-03-08T08:00:00.000Z'), postedAt: at('2025-03-08T08:00:00.000Z'), score: 40 }));
      await store.recordDigest(anOnDemandDigest('2025-03-10T12:00:00.000Z', { score: 70 }));

      const newest = await store.lastDigest('staging');
      const scheduled = await store.lastDigest('staging', { scheduledOnly: true });

      expect(newest?.score).toBe(70);
      expect(scheduled).toEqual(aDigest({ late: true, postedAt: at('2025-03-10T08:42:00.000Z'), score: 60 }));
      expect(scheduled?.late).toBe(true);
      expect(await store.lastDigest('production')).toBeUndefined();
      expect(await store.lastDigest('production', { scheduledOnly: true })).toBeUndefined();
    });

    it('given only on-demand digests, when the last scheduled one is asked for, then there is none', async () => {
      const store = await open();
      await store.recordDigest(anOnDemandDigest('2025-03-10T12:00:00.000Z'));

      expect(await store.lastDigest('staging', { scheduledOnly: true })).toBeUndefined();
      expect(await store.lastDigest('staging')).toBeDefined();
    });

    it('given failing lists and fractional scores, when read back, then they round-trip exactly, empty included', async () => {
      const store = await open();
      const failing = ['backend ecr.scan-findings', 'worker k8s.pull-secret', 'name with "quotes" and ünïcode'];
      await store.claimDigest(aDigest({ failing, score: 73.5 }));
      await store.claimDigest(aDigest({ environment: 'production', failing: [], score: 100 }));

      expect((await store.lastDigest('staging'))?.failing).toEqual(failing);
      expect((await store.lastDigest('staging'))?.score).toBe(73.5);
      expect((await store.lastDigest('production'))?.failing).toEqual([]);
    });
  });

  describe('audit since', () => {
    it('given entries before, at and after a time, when audit since that time is asked for, then the boundary is included, oldest first', async () => {
      const store = await open();
      for (const n of [5, 1, 3, 2, 4]) await store.appendAudit(anAuditEntry(n));

      const since = await store.auditSince(anAuditEntry(3).at);

      expect(since.map((e) => e.subject)).toEqual(['req3', 'req4', 'req5']);
      expect(since[0]).toEqual({ ...anAuditEntry(3), id: expect.any(Number) });
      expect(await store.auditSince(new Date(anAuditEntry(5).at.getTime() + 1))).toEqual([]);
      expect((await store.auditSince(at('2000-01-01T00:00:00.000Z'))).map((e) => e.subject)).toEqual(['req1', 'req2', 'req3', 'req4', 'req5']);
    });

    it('given entries at the same instant, when audit since is asked for, then they come in the order they were appended', async () => {
      const store = await open();
      const instant = at('2025-03-04T07:00:00.000Z');
      for (const subject of ['first', 'second', 'third']) await store.appendAudit(anAuditEntry(1, { at: instant, subject }));

      const since = await store.auditSince(instant);

      expect(since.map((e) => e.subject)).toEqual(['first', 'second', 'third']);
      expect(since[0]!.id).toBeLessThan(since[2]!.id);
    });
  });

  describe('digests across restarts', () => {
    it('given digests and audit entries, when the store reopens, then they are all there and a claimed slot stays claimed', async () => {
      const before = await open();
      await before.claimDigest(aDigest());
      await before.recordDigest(anOnDemandDigest('2025-03-10T12:00:00.000Z'));
      await before.appendAudit(anAuditEntry(1));
      await before.close();

      const after = await open();
      await after.migrate();

      expect(await after.claimDigest(aDigest())).toBe(false);
      expect(await after.lastDigest('staging', { scheduledOnly: true })).toEqual(aDigest());
      expect(await after.lastDigest('staging')).toEqual(anOnDemandDigest('2025-03-10T12:00:00.000Z'));
      expect((await after.auditSince(anAuditEntry(1).at)).map((e) => e.subject)).toEqual(['req1']);
    });
  });
}
