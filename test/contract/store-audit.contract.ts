import { describe, expect, it } from 'vitest';
import { at, anAuditEntry, type OpenStore } from './store-fixtures.js';

/** The audit log: append, newest first, with ids. */
export function auditContract(open: OpenStore): void {
  describe('audit log', () => {
    it('given five entries, when the recent ones are asked for, then the newest come first with ids, up to the limit', async () => {
      const store = await open();
      for (let n = 1; n <= 5; n++) await store.appendAudit(anAuditEntry(n));

      const recent = await store.recentAudit(3);

      expect(recent.map((e) => e.subject)).toEqual(['req5', 'req4', 'req3']);
      expect(recent[0]).toEqual({ ...anAuditEntry(5), id: expect.any(Number) });
      expect(recent[0]!.at).toBeInstanceOf(Date);
      expect(new Set(recent.map((e) => e.id)).size).toBe(3);
      expect(recent[0]!.id).toBeGreaterThan(recent[2]!.id);
      expect(await store.recentAudit(100)).toHaveLength(5);
      expect(await store.recentAudit(0)).toEqual([]);
    });

    it('given an entry without environment or subject, when read back, then those fields are absent', async () => {
      const store = await open();
      await store.appendAudit({ at: at('2025-03-04T07:00:00.000Z'), actor: 'shipmate', action: 'request.expired', detail: 'expired after 30 min' });

      const [entry] = await store.recentAudit(1);

      expect(entry).toEqual({ id: expect.any(Number), at: at('2025-03-04T07:00:00.000Z'), actor: 'shipmate', action: 'request.expired', detail: 'expired after 30 min' });
      expect(entry).not.toHaveProperty('environment');
      expect(entry).not.toHaveProperty('subject');
    });
  });
}
