import { describe, expect, it } from 'vitest';
import type { NewOutboxEntry, StorePort } from '../../src/ports/store.port.js';
import { at, type OpenStore } from './store-fixtures.js';

const T0 = '2025-03-04T09:00:00.000Z';
const seconds = (s: number) => new Date(at(T0).getTime() + s * 1000);

function aMessage(overrides: Partial<NewOutboxEntry> = {}): NewOutboxEntry {
  return { stream: 'deploy:d4p1oy', method: 'post', channelId: 'C0RELEASES', text: 'Deploying backend 1.1.0', createdAt: seconds(0), ...overrides };
}

const textsDue = async (store: StorePort, now: Date, limit = 10) => (await store.dueOutbox(now, limit)).map((e) => e.text);

/** The outbox: entries delivered in id order within a stream, retried with bookkeeping, found by key. */
export function outboxContract(open: OpenStore): void {
  describe('outbox', () => {
    it('given entries with every field and with none, when read back, then every field round-trips and new ones are pending, untried, due at once', async () => {
      const store = await open();
      const full = aMessage({
        text: 'rolled back',
        threadKey: 'deploy:d4p1oy:card',
        broadcast: true,
        key: 'deploy:d4p1oy:rollback',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*rolled back*' } }],
        createdAt: seconds(1),
      });
      const edit = aMessage({ method: 'update', tsKey: 'deploy:d4p1oy:card', text: 'edited', createdAt: seconds(2) });
      const reply = aMessage({ threadTs: '1741078800.000100', text: 'reply', createdAt: seconds(3) });
      const editByTs = aMessage({ method: 'update', ts: '1741078800.000100', text: 'edited again', createdAt: seconds(4) });
      const bare = aMessage({ text: 'bare', createdAt: seconds(5) });

      await store.enqueueOutbox([full, edit, reply, editByTs, bare]);
      const pending = await store.pendingOutbox('deploy:d4p1oy');

      expect(pending.map(({ id: _id, ...entry }) => entry)).toEqual(
        [full, edit, reply, editByTs, bare].map((entry) => ({ ...entry, status: 'pending', attempts: 0, nextAttemptAt: entry.createdAt })),
      );
      expect(pending.map((e) => e.id)).toEqual([...pending.map((e) => e.id)].sort((a, b) => a - b));
      expect(new Set(pending.map((e) => e.id)).size).toBe(5);
      for (const key of ['threadTs', 'threadKey', 'broadcast', 'ts', 'tsKey', 'key', 'blocks', 'resultTs', 'error']) expect(pending[4]).not.toHaveProperty(key);
      expect(await store.countPendingOutbox()).toBe(5);
    });

    it('given two streams, when due entries are asked for, then each stream gives only its oldest pending entry, oldest first, at most the limit', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ text: 'a1' }), aMessage({ text: 'a2' })]);
      await store.enqueueOutbox([aMessage({ stream: 'build:b7k2q9', text: 'b1' })]);
      await store.enqueueOutbox([aMessage({ stream: 'digest:staging', text: 'c1', createdAt: seconds(30) })]);

      expect(await textsDue(store, seconds(0))).toEqual(['a1', 'b1']);
      expect(await textsDue(store, seconds(30))).toEqual(['a1', 'b1', 'c1']);
      expect(await textsDue(store, seconds(30), 2)).toEqual(['a1', 'b1']);
      expect(await store.dueOutbox(seconds(-1), 10)).toEqual([]);
    });

    it('given the head of a stream waiting for a retry, when the next of its stream is due, then the next is not delivered before it', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ text: 'a1' }), aMessage({ text: 'a2' }), aMessage({ stream: 'build:b7k2q9', text: 'b1' })]);
      const [a1] = await store.dueOutbox(seconds(0), 1);

      await store.settleOutbox(a1!.id, { status: 'retry', error: 'ratelimited', nextAttemptAt: seconds(60) });

      expect(await textsDue(store, seconds(59))).toEqual(['b1']);
      expect(await textsDue(store, seconds(60))).toEqual(['a1', 'b1']);
    });

    it('given an entry retried twice, then given up, then its attempts, last error and next attempt are kept, and the next of its stream is due', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ text: 'a1' }), aMessage({ text: 'a2' })]);
      const [first] = await store.dueOutbox(seconds(0), 1);

      await store.settleOutbox(first!.id, { status: 'retry', error: 'HTTP 503', nextAttemptAt: seconds(2) });
      await store.settleOutbox(first!.id, { status: 'retry', error: 'timeout after 10 s', nextAttemptAt: seconds(6) });
      expect((await store.pendingOutbox('deploy:d4p1oy'))[0]).toMatchObject({ id: first!.id, status: 'pending', attempts: 2, error: 'timeout after 10 s', nextAttemptAt: seconds(6) });
      await store.settleOutbox(first!.id, { status: 'failed', error: 'channel_not_found', at: seconds(7) });

      expect((await store.pendingOutbox('deploy:d4p1oy')).map((e) => e.text)).toEqual(['a2']);
      expect(await textsDue(store, seconds(7))).toEqual(['a2']);
      expect(await store.countPendingOutbox()).toBe(1);
    });

    it('given a keyed post, when delivered, then its key resolves to its ts; before that, and for an unknown key, to nothing', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ key: 'deploy:d4p1oy:card' }), aMessage({ method: 'update', tsKey: 'deploy:d4p1oy:card', text: 'edit' })]);
      const [post] = await store.dueOutbox(seconds(0), 10);
      expect(await store.outboxTs('deploy:d4p1oy:card')).toBeUndefined();

      await store.settleOutbox(post!.id, { status: 'delivered', ts: '1741078800.000200', at: seconds(1) });

      expect(await store.outboxTs('deploy:d4p1oy:card')).toBe('1741078800.000200');
      expect(await store.outboxTs('deploy:nosuch:card')).toBeUndefined();
      expect(await textsDue(store, seconds(1))).toEqual(['edit']);
      expect(await store.countPendingOutbox()).toBe(1);
    });

    it('given a delivered entry, when it is settled again (a late retry or failure), then it stays delivered with its ts', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ key: 'k1' })]);
      const [post] = await store.dueOutbox(seconds(0), 10);
      await store.settleOutbox(post!.id, { status: 'delivered', ts: '1741078800.000300', at: seconds(1) });

      await store.settleOutbox(post!.id, { status: 'retry', error: 'late', nextAttemptAt: seconds(5) });
      await store.settleOutbox(post!.id, { status: 'failed', error: 'late', at: seconds(5) });

      expect(await store.outboxTs('k1')).toBe('1741078800.000300');
      expect(await store.dueOutbox(seconds(10), 10)).toEqual([]);
      expect(await store.countPendingOutbox()).toBe(0);
    });

    it('given a key in use, when a batch reuses it, then the whole batch is refused as invalid and none of it is enqueued', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ key: 'deploy:d4p1oy:card' })]);

      const batch = store.enqueueOutbox([aMessage({ stream: 'other', text: 'fine' }), aMessage({ stream: 'other', key: 'deploy:d4p1oy:card' })]);

      await expect(batch).rejects.toMatchObject({ name: 'PortError', code: 'invalid' });
      expect(await store.pendingOutbox('other')).toEqual([]);
      expect(await store.countPendingOutbox()).toBe(1);
    });

    it('given entries enqueued by two replicas, when one reads them, then ids keep the order of enqueueing', async () => {
      const [first, second] = [await open(), await open()];

      await first.enqueueOutbox([aMessage({ text: 'm1' })]);
      await second.enqueueOutbox([aMessage({ text: 'm2' }), aMessage({ text: 'm3' })]);
      await first.enqueueOutbox([aMessage({ text: 'm4' })]);

      expect((await second.pendingOutbox('deploy:d4p1oy')).map((e) => e.text)).toEqual(['m1', 'm2', 'm3', 'm4']);
    });

    it('given delivered, failed and pending entries, when pruned before a time, then only the settled ones settled before it are forgotten', async () => {
      const store = await open();
      await store.enqueueOutbox([aMessage({ stream: 's1', key: 'old' }), aMessage({ stream: 's2' }), aMessage({ stream: 's3', key: 'new' }), aMessage({ stream: 's4' })]);
      const [old, failed, recent] = await store.dueOutbox(seconds(0), 10);
      await store.settleOutbox(old!.id, { status: 'delivered', ts: '1741078800.000001', at: seconds(10) });
      await store.settleOutbox(failed!.id, { status: 'failed', error: 'channel_not_found', at: seconds(20) });
      await store.settleOutbox(recent!.id, { status: 'delivered', ts: '1741078800.000002', at: seconds(40) });

      expect(await store.pruneOutbox(seconds(30))).toBe(2);

      expect(await store.outboxTs('old')).toBeUndefined();
      expect(await store.outboxTs('new')).toBe('1741078800.000002');
      expect(await store.countPendingOutbox()).toBe(1);
      expect(await store.pruneOutbox(seconds(30))).toBe(0);
    });
  });
}
