import { vi } from 'vitest';
import { LeaderElection } from '../../src/app/leadership/leader-election.js';
import type { Clock } from '../../src/ports/clock.port.js';
import type { LeaseClaim, StorePort } from '../../src/ports/store.port.js';

/** An in-memory lease store, a manual clock and replicas for the leader election tests (test/unit/leadership). */
export const TTL_MS = 15_000;
export const RENEW_MS = 5_000;
export const START = new Date('2025-03-04T09:00:00.000Z').getTime();

/** The lease half of StorePort with the SQL's rule: free, expired at `at`, or held by the same holder → taken. */
export class InMemoryLeaseStore {
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  /** While set, every call throws it (the database is unreachable). */
  failure?: Error;
  /** While set, tries wait for it (a slow round trip). */
  gate?: Promise<void>;
  tries = 0;

  async tryLease(claim: LeaseClaim): Promise<boolean> {
    this.tries++;
    await this.gate;
    if (this.failure) throw this.failure;
    const held = this.leases.get(claim.name);
    if (held && held.holder !== claim.holder && held.expiresAt > claim.at.getTime()) return false;
    this.leases.set(claim.name, { holder: claim.holder, expiresAt: claim.at.getTime() + claim.ttlMs });
    return true;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }

  holderOf(name = 'leader'): string | undefined {
    return this.leases.get(name)?.holder;
  }

  /** From now on tries wait (a connection that stopped answering) until `answer()`; then they go through, late. */
  hang(): { answer(): void } {
    let answer!: () => void;
    this.gate = new Promise<void>((resolve) => (answer = resolve));
    const hung = {
      answer: () => {
        delete this.gate;
        answer();
      },
    };
    hungStores.push(hung);
    return hung;
  }
}

/** Answered before each test's replicas stop, so no try is left waiting on a store that never answers. */
export const hungStores: { answer(): void }[] = [];

/** A clock the test moves by hand; nothing here sleeps on it. */
export class ManualClock implements Clock {
  private at = START;
  now(): Date {
    return new Date(this.at);
  }
  sleep(): Promise<void> {
    return new Promise(() => undefined);
  }
  /** Moves to `ms` after the start. */
  set(ms: number): void {
    this.at = START + ms;
  }
}

/** A promise the test resolves when it wants. */
export function pending(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the queued elected/deposed callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Replica {
  election: LeaderElection;
  elected: number;
  deposed: number;
  logs: string[];
}

export const started: LeaderElection[] = [];

export type Callback = () => void | Promise<void>;

export function replica(store: InMemoryLeaseStore, clock: Clock, holder: string, callbacks: { elected?: Callback; deposed?: Callback } = {}): Replica {
  const r: Replica = { election: undefined as unknown as LeaderElection, elected: 0, deposed: 0, logs: [] };
  r.election = new LeaderElection(store as unknown as StorePort, clock, { holder, ttlMs: TTL_MS, renewEveryMs: RENEW_MS }, {
    elected: () => {
      r.elected++;
      return callbacks.elected?.();
    },
    deposed: () => {
      r.deposed++;
      return callbacks.deposed?.();
    },
    log: (message) => r.logs.push(message),
  });
  return r;
}

/** Every replica ticks at `ms` after the start, in the order given. */
export async function tickAt(clock: ManualClock, ms: number, ...replicas: Replica[]): Promise<void> {
  clock.set(ms);
  for (const r of replicas) await r.election.tick();
  await flush();
}

/** For each test file's afterEach: answers every hung store call, stops every election started, restores real timers. */
export async function stopElections(): Promise<void> {
  hungStores.splice(0).forEach((hung) => hung.answer());
  await Promise.all(started.splice(0).map((e) => e.stop()));
  vi.useRealTimers();
}
