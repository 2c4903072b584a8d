import type { Clock } from '../../ports/clock.port.js';
import type { OutboxEntry, StorePort } from '../../ports/store.port.js';

/** What one delivery attempt came to, as the chat adapter classifies it. */
export type SendFailure =
  /** Worth trying again (an outage, a timeout, a rate limit); `retryAfterMs` when the service said when. */
  | { kind: 'transient'; error: string; retryAfterMs?: number }
  /** Trying again cannot help (channel_not_found, invalid_blocks, …). */
  | { kind: 'permanent'; error: string };

export interface OutboxSender {
  /** Posts or edits; resolves with the message's ts, or rejects with a SendFailure. */
  send(entry: OutboxEntry, target: { ts?: string; threadTs?: string }): Promise<string>;
  /** Turns whatever `send` threw into a SendFailure. */
  classify(error: unknown): SendFailure;
}

export interface OutboxDeliveryOptions {
  /** How often the outbox is looked at when nothing was poked (default 300 ms). */
  idleMs?: number;
  /** Attempts before a message is given up (default 40: about 17 minutes of back-off). */
  maxAttempts?: number;
  /** Streams delivered at once (default 8). */
  concurrency?: number;
  /** Delivered and failed entries are forgotten this long after they settled (default 7 days), looked at hourly. */
  keepSettledMs?: number;
  /** A key not found among the outbox's posts (an approval card posted directly, say): its ts from elsewhere. */
  resolveKey?(key: string): Promise<string | undefined>;
  log(message: string, error?: unknown): void;
}

const BACKOFF_CAP_MS = 30_000;
const KEEP_SETTLED_MS = 7 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Tries (a second apart) to find the ts of the message an edit names before the edit is given up. */
const UNRESOLVED_ATTEMPTS = 5;

/**
 * Delivers the outbox (SPEC §13): each stream's messages one at a time, in
 * order, each once; transient failures retried with back-off (or after the
 * Retry-After Slack gave), permanent ones given up and logged. An edit that a
 * later pending edit of the same message makes pointless is skipped. Actions
 * never wait on this: they only append to the outbox.
 */
export class OutboxDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private looking: Promise<void> | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private lastPruneAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: StorePort,
    private readonly clock: Clock,
    private readonly sender: OutboxSender,
    private readonly options: OutboxDeliveryOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops taking new entries and waits for the deliveries under way (each bounded by the sender's timeout). */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.looking;
    await Promise.all(this.inFlight.values());
  }

  /** Something was enqueued: look now rather than at the next idle tick. */
  poke(): void {
    if (this.running && !this.looking) this.schedule(0);
  }

  /** One look: starts delivering the head of every stream that is due and not already being delivered. */
  async look(): Promise<number> {
    await this.pruneHourly();
    const limit = this.options.concurrency ?? 8;
    const free = limit - this.inFlight.size;
    if (free <= 0) return 0;
    const due = (await this.store.dueOutbox(this.clock.now(), limit + this.inFlight.size)).filter((e) => !this.inFlight.has(e.stream)).slice(0, free);
    for (const entry of due) {
      const done = this.deliver(entry)
        .catch((error: unknown) => this.options.log(`outbox: delivering message ${entry.id} failed; trying again`, error))
        .finally(() => {
          this.inFlight.delete(entry.stream);
          this.poke();
        });
      this.inFlight.set(entry.stream, done);
    }
    return due.length;
  }

  /** Waits until nothing is due or in flight (tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || (await this.look()) > 0) await Promise.all(this.inFlight.values());
  }

  private async pruneHourly(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    await this.store.pruneOutbox(new Date(now - (this.options.keepSettledMs ?? KEEP_SETTLED_MS)));
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.looking = this.look()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log('outbox: looking for messages failed; trying again', error))
        .finally(() => {
          this.looking = undefined;
          if (this.running) this.schedule(this.options.idleMs ?? 300);
        });
    }, ms);
    this.timer.unref?.();
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    if (entry.method === 'update' && (await this.superseded(entry))) {
      await this.store.settleOutbox(entry.id, { status: 'delivered', ts: entry.ts ?? '', at: this.clock.now() });
      return;
    }
    const target = await this.target(entry);
    if (target === undefined) {
      // Its ts may not be stored yet (a card posted a moment ago): wait a little before giving up.
      const error = `the message it edits (${entry.tsKey}) is not posted`;
      if (entry.attempts < UNRESOLVED_ATTEMPTS) await this.store.settleOutbox(entry.id, { status: 'retry', error, nextAttemptAt: new Date(this.clock.now().getTime() + 1000) });
      else await this.store.settleOutbox(entry.id, { status: 'failed', error, at: this.clock.now() });
      return;
    }
    try {
      const ts = await this.sender.send(entry, target);
      await this.store.settleOutbox(entry.id, { status: 'delivered', ts, at: this.clock.now() });
    } catch (error) {
      const failure = this.sender.classify(error);
      const attempts = entry.attempts + 1;
      if (failure.kind === 'permanent' || attempts >= (this.options.maxAttempts ?? 40)) {
        this.options.log(`outbox: gave up message ${entry.id} (${entry.method} in ${entry.channelId}) after ${attempts} attempt(s): ${failure.error}`);
        await this.store.settleOutbox(entry.id, { status: 'failed', error: failure.error, at: this.clock.now() });
        return;
      }
      const waitMs = failure.retryAfterMs ?? Math.min(BACKOFF_CAP_MS, 1000 * 2 ** entry.attempts);
      if (entry.attempts === 0) this.options.log(`outbox: message ${entry.id} not delivered (${failure.error}); retrying in ${Math.round(waitMs / 1000)} s`);
      await this.store.settleOutbox(entry.id, { status: 'retry', error: failure.error, nextAttemptAt: new Date(this.clock.now().getTime() + waitMs) });
    }
  }

  /** A later edit of the same message is waiting: this one would be overwritten at once. */
  private async superseded(entry: OutboxEntry): Promise<boolean> {
    const later = (await this.store.pendingOutbox(entry.stream)).filter((e) => e.id > entry.id && e.method === 'update');
    return later.some((e) => (e.ts !== undefined && e.ts === entry.ts) || (e.tsKey !== undefined && e.tsKey === entry.tsKey));
  }

  /**
   * The ts to edit and the thread to reply in, keys resolved. Undefined when
   * an edit's message was never posted. A reply whose thread was never posted
   * goes to the channel instead: the words matter more than their place.
   */
  private async target(entry: OutboxEntry): Promise<{ ts?: string; threadTs?: string } | undefined> {
    if (entry.method === 'update') {
      const ts = entry.ts ?? (entry.tsKey ? await this.resolve(entry.tsKey) : undefined);
      return ts ? { ts } : undefined;
    }
    const threadTs = entry.threadTs ?? (entry.threadKey ? await this.resolve(entry.threadKey) : undefined);
    return threadTs ? { threadTs } : {};
  }

  private async resolve(key: string): Promise<string | undefined> {
    return (await this.store.outboxTs(key)) ?? (await this.options.resolveKey?.(key));
  }
}
