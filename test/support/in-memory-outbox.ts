import { PortError } from '../../src/ports/port-error.js';
import type { NewOutboxEntry, OutboxEntry, OutboxResult } from '../../src/ports/store.port.js';

/** Lets other calls run in between, as a real database round trip does. */
const roundTrip = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The outbox and seen-signature parts of StorePort in memory, with the
 * semantics of the SQL stores (test/contract/store-outbox.contract.ts):
 * a stream's entries come due one at a time in id order, only pending
 * entries are settled, keys are unique, a live signature is refused.
 * In-memory test stores extend it.
 */
export class InMemoryOutboxAndSignatures {
  /** Every entry ever enqueued, in id order (delivered and failed ones stay, as in the tables). */
  readonly outbox: OutboxEntry[] = [];
  private readonly settledAt = new Map<number, Date>();
  /** Signature → when it may be forgotten. */
  readonly signatures = new Map<string, Date>();
  private lastId = 0;

  async enqueueOutbox(entries: readonly NewOutboxEntry[]): Promise<void> {
    await roundTrip();
    const keys = new Set(this.outbox.flatMap((e) => (e.key === undefined ? [] : [e.key])));
    for (const { key } of entries) {
      if (key === undefined) continue;
      if (keys.has(key)) throw new PortError('invalid', `in-memory store: enqueueOutbox failed: key ${key} is in use`);
      keys.add(key);
    }
    for (const entry of entries) {
      const { broadcast, ...rest } = structuredClone(entry);
      this.outbox.push({ ...rest, ...(broadcast ? { broadcast } : {}), id: ++this.lastId, status: 'pending', attempts: 0, nextAttemptAt: entry.createdAt });
    }
  }

  async dueOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    await roundTrip();
    const heads = new Map<string, OutboxEntry>();
    for (const entry of this.outbox) if (entry.status === 'pending' && !heads.has(entry.stream)) heads.set(entry.stream, entry);
    return [...heads.values()]
      .filter((e) => e.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.id - b.id)
      .slice(0, Math.max(0, Math.floor(limit)))
      .map((e) => structuredClone(e));
  }

  async pendingOutbox(stream: string): Promise<OutboxEntry[]> {
    await roundTrip();
    return this.outbox.filter((e) => e.status === 'pending' && e.stream === stream).map((e) => structuredClone(e));
  }

  async settleOutbox(id: number, result: OutboxResult): Promise<void> {
    await roundTrip();
    const entry = this.outbox.find((e) => e.id === id);
    if (!entry || entry.status !== 'pending') return;
    entry.attempts++;
    if (result.status !== 'retry') this.settledAt.set(id, result.at);
    if (result.status === 'delivered') Object.assign(entry, { status: 'delivered', resultTs: result.ts });
    else if (result.status === 'retry') Object.assign(entry, { error: result.error, nextAttemptAt: result.nextAttemptAt });
    else Object.assign(entry, { status: 'failed', error: result.error });
  }

  async outboxTs(key: string): Promise<string | undefined> {
    await roundTrip();
    const entry = this.outbox.find((e) => e.key === key && e.status === 'delivered');
    return entry?.resultTs;
  }

  async countPendingOutbox(): Promise<number> {
    await roundTrip();
    return this.outbox.filter((e) => e.status === 'pending').length;
  }

  async pruneOutbox(settledBefore: Date): Promise<number> {
    await roundTrip();
    const old = this.outbox.filter((e) => e.status !== 'pending' && (this.settledAt.get(e.id)?.getTime() ?? Infinity) < settledBefore.getTime());
    for (const entry of old) this.outbox.splice(this.outbox.indexOf(entry), 1);
    return old.length;
  }

  async rememberSignature(signature: string, seenAt: Date, expiresAt: Date): Promise<boolean> {
    await roundTrip();
    for (const [seen, until] of this.signatures) if (until.getTime() <= seenAt.getTime()) this.signatures.delete(seen);
    if (this.signatures.has(signature)) return false;
    this.signatures.set(signature, expiresAt);
    return true;
  }
}
