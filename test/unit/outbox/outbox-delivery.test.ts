import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDelivery, type OutboxSender, type SendFailure } from '../../../src/app/outbox/outbox-delivery.js';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import type { Clock } from '../../../src/ports/clock.port.js';
import type { NewOutboxEntry, OutboxEntry } from '../../../src/ports/store.port.js';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  constructor(public time = Date.parse('2026-12-06T10:00:00Z')) {}
  now = () => new Date(this.time);
  sleep = async () => undefined;
  advance(ms: number) {
    this.time += ms;
  }
}

/** Slack as the outbox sees it: answers from a script, and a log of what it received. */
class ScriptedSlack implements OutboxSender {
  readonly received: Array<{ method: string; text: string; ts?: string; threadTs?: string }> = [];
  failures: SendFailure[] = [];
  private next = 1;

  async send(entry: OutboxEntry, target: { ts?: string; threadTs?: string }): Promise<string> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.received.push({ method: entry.method, text: entry.text, ...target });
    return target.ts ?? `1700000000.${String(this.next++).padStart(6, '0')}`;
  }

  classify(error: unknown): SendFailure {
    return error as SendFailure;
  }
}

const entry = (stream: string, text: string, extra: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  stream,
  method: 'post',
  channelId: 'C0RELEASES',
  text,
  createdAt: new Date(0),
  ...extra,
});

let store: SqliteStore;
let clock: ManualClock;
let slack: ScriptedSlack;
let delivery: OutboxDelivery;
const logs: string[] = [];

beforeEach(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  clock = new ManualClock();
  slack = new ScriptedSlack();
  logs.length = 0;
  delivery = new OutboxDelivery(store, clock, slack, { log: (m) => logs.push(m), maxAttempts: 4 });
});
afterEach(() => store.close());

describe('OutboxDelivery', () => {
  it('delivers the messages of one stream in order, each once', async () => {
    // given
    await store.enqueueOutbox([entry('request:a', 'one'), entry('request:a', 'two'), entry('request:a', 'three')]);
    // when
    await delivery.drain();
    await delivery.drain();
    // then
    expect(slack.received.map((r) => r.text)).toEqual(['one', 'two', 'three']);
    expect(await store.countPendingOutbox()).toBe(0);
  });

  it('holds the rest of a stream back while its head waits for a retry, and keeps other streams going', async () => {
    // given: Slack is down for the first call
    slack.failures = [{ kind: 'transient', error: 'HTTP 503' }];
    await store.enqueueOutbox([entry('request:a', 'failure'), entry('request:a', 'rollback'), entry('request:b', 'other')]);
    // when
    await delivery.drain();
    // then: a's head waits (1 s back-off), b went out; nothing of a overtook its head
    expect(slack.received.map((r) => r.text)).toEqual(['other']);
    expect(logs.some((l) => /not delivered \(HTTP 503\); retrying in 1 s/.test(l))).toBe(true);
    // when the back-off has passed
    clock.advance(1_000);
    await delivery.drain();
    // then
    expect(slack.received.map((r) => r.text)).toEqual(['other', 'failure', 'rollback']);
  });

  it('waits as long as Retry-After says', async () => {
    // given
    slack.failures = [{ kind: 'transient', error: 'ratelimited', retryAfterMs: 7_000 }];
    await store.enqueueOutbox([entry('request:a', 'hello')]);
    await delivery.drain();
    // when: 6.9 s later
    clock.advance(6_900);
    await delivery.drain();
    // then
    expect(slack.received).toEqual([]);
    // when: 7 s later
    clock.advance(100);
    await delivery.drain();
    expect(slack.received.map((r) => r.text)).toEqual(['hello']);
  });

  it('gives a message up after a permanent error or too many attempts, and goes on with the stream', async () => {
    // given
    slack.failures = [{ kind: 'permanent', error: 'channel_not_found' }];
    await store.enqueueOutbox([entry('request:a', 'lost'), entry('request:a', 'next')]);
    // when
    await delivery.drain();
    // then
    expect(slack.received.map((r) => r.text)).toEqual(['next']);
    expect(logs.some((l) => /gave up message \d+ .* after 1 attempt\(s\): channel_not_found/.test(l))).toBe(true);
    // given: four transient failures in a row (maxAttempts 4)
    slack.failures = Array.from({ length: 4 }, () => ({ kind: 'transient' as const, error: 'HTTP 500' }));
    await store.enqueueOutbox([entry('request:b', 'doomed')]);
    for (let i = 0; i < 4; i++) {
      await delivery.drain();
      clock.advance(60_000);
    }
    // then
    expect(slack.received.map((r) => r.text)).toEqual(['next']);
    expect(await store.countPendingOutbox()).toBe(0);
  });

  it('replies in the thread of a post named by its key, and edits it by its key', async () => {
    // given
    await store.enqueueOutbox([
      entry('request:a', 'status', { key: 'status:a' }),
      entry('request:a', 'reply', { threadKey: 'status:a' }),
      entry('request:a', 'status, edited', { method: 'update', tsKey: 'status:a' }),
    ]);
    // when
    await delivery.drain();
    // then
    const [post, reply, edit] = slack.received;
    expect(reply).toMatchObject({ text: 'reply', threadTs: expect.stringMatching(/^1700000000\./) });
    expect(reply!.threadTs).toBe(edit!.ts);
    expect(await store.outboxTs('status:a')).toBe(edit!.ts);
    expect(post!.text).toBe('status');
  });

  it('skips an edit that a later pending edit of the same message overwrites', async () => {
    // given: three edits of one card queued while Slack was away
    await store.enqueueOutbox([1, 2, 3].map((n) => entry('request:a', `card v${n}`, { method: 'update', ts: '1700000000.000001' })));
    // when
    await delivery.drain();
    // then
    expect(slack.received.map((r) => r.text)).toEqual(['card v3']);
  });

  it('finds a key the outbox never posted through resolveKey, and gives an edit of an unknown message up after a few tries', async () => {
    // given
    const resolving = new OutboxDelivery(store, clock, slack, { log: (m) => logs.push(m), resolveKey: async (key) => (key === 'card:known' ? '1699999999.000001' : undefined) });
    await store.enqueueOutbox([entry('request:a', 'reply', { threadKey: 'card:known' }), entry('request:b', 'edit', { method: 'update', tsKey: 'card:unknown' })]);
    // when
    for (let i = 0; i < 6; i++) {
      await resolving.drain();
      clock.advance(1_000);
    }
    // then
    expect(slack.received).toEqual([{ method: 'post', text: 'reply', threadTs: '1699999999.000001' }]);
    expect(await store.countPendingOutbox()).toBe(0);
  });

  it('forgets delivered messages a week after they went out, looking once an hour', async () => {
    // given
    await store.enqueueOutbox([entry('request:a', 'status', { key: 'status:a' })]);
    await delivery.drain();
    expect(await store.outboxTs('status:a')).toBeDefined();
    // when: six days on, then eight
    clock.advance(6 * 24 * 3_600_000);
    await delivery.drain();
    const sixDays = await store.outboxTs('status:a');
    clock.advance(2 * 24 * 3_600_000);
    await delivery.drain();
    // then
    expect(sixDays).toBeDefined();
    expect(await store.outboxTs('status:a')).toBeUndefined();
  });
});
