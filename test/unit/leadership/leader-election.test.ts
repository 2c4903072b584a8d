import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaderElection } from '../../../src/app/leadership/leader-election.js';
import { systemClock, type Clock } from '../../../src/ports/clock.port.js';
import type { LeaseClaim, StorePort } from '../../../src/ports/store.port.js';

const TTL_MS = 15_000;
const RENEW_MS = 5_000;
const START = new Date('2025-03-04T09:00:00.000Z').getTime();

/** The lease half of StorePort with the SQL's rule: free, expired at `at`, or held by the same holder → taken. */
class InMemoryLeaseStore {
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
const hungStores: { answer(): void }[] = [];

/** A clock the test moves by hand; nothing here sleeps on it. */
class ManualClock implements Clock {
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
function pending(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the queued elected/deposed callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Replica {
  election: LeaderElection;
  elected: number;
  deposed: number;
  logs: string[];
}

const started: LeaderElection[] = [];
afterEach(async () => {
  hungStores.splice(0).forEach((hung) => hung.answer());
  await Promise.all(started.splice(0).map((e) => e.stop()));
  vi.useRealTimers();
});

type Callback = () => void | Promise<void>;

function replica(store: InMemoryLeaseStore, clock: Clock, holder: string, callbacks: { elected?: Callback; deposed?: Callback } = {}): Replica {
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
async function tickAt(clock: ManualClock, ms: number, ...replicas: Replica[]): Promise<void> {
  clock.set(ms);
  for (const r of replicas) await r.election.tick();
  await flush();
}

describe('LeaderElection', () => {
  it('elects a lone replica on start, before start resolves', async () => {
    // given
    const store = new InMemoryLeaseStore();
    const a = replica(store, new ManualClock(), 'replica-a');
    // when
    started.push(a.election);
    await a.election.start();
    // then
    expect(a.election.isLeader).toBe(true);
    expect(a.elected).toBe(1);
    expect(store.holderOf()).toBe('replica-a');
  });

  it('renews on its own timer once started', async () => {
    // given
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = new InMemoryLeaseStore();
    const a = replica(store, new ManualClock(), 'replica-a');
    started.push(a.election);
    await a.election.start();
    // when three renewal periods pass
    await vi.advanceTimersByTimeAsync(3 * RENEW_MS);
    // then
    expect(store.tries).toBe(4);
    expect(a.elected).toBe(1);
  });

  it('releases what a try under way at stop() took, and schedules nothing more', async () => {
    // given a start whose first try is still waiting for the store
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = new InMemoryLeaseStore();
    let answer!: () => void;
    store.gate = new Promise<void>((resolve) => (answer = resolve));
    const a = replica(store, new ManualClock(), 'replica-a');
    const starting = a.election.start();
    // when it is stopped meanwhile, and the store then answers
    const stopping = a.election.stop();
    answer();
    await Promise.all([starting, stopping]);
    await vi.advanceTimersByTimeAsync(3 * RENEW_MS);
    // then the lease is free again and nothing tries any more
    expect(a.election.isLeader).toBe(false);
    expect(store.holderOf()).toBeUndefined();
    expect(store.tries).toBe(1);
  });

  it('lets exactly one of two replicas on one store lead', async () => {
    // given
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    const b = replica(store, clock, 'replica-b');
    // when both try at the same moment
    clock.set(0);
    await Promise.all([a.election.tick(), b.election.tick()]);
    await flush();
    // then
    expect([a.election.isLeader, b.election.isLeader].filter(Boolean)).toHaveLength(1);
    expect(a.elected + b.elected).toBe(1);
  });

  it('keeps the other replica out for as long as the leader renews', async () => {
    // given
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    const b = replica(store, clock, 'replica-b');
    await tickAt(clock, 0, a, b);
    // when both keep ticking for ten lease lifetimes
    for (let ms = RENEW_MS; ms <= 10 * TTL_MS; ms += RENEW_MS) await tickAt(clock, ms, a, b);
    // then
    expect(a.election.isLeader).toBe(true);
    expect(b.election.isLeader).toBe(false);
    expect(b.elected).toBe(0);
    expect(a.elected).toBe(1);
    expect(a.deposed).toBe(0);
  });

  it('elects the other replica once a dead leader’s lease has expired, and not before', async () => {
    // given a leader that renewed last at 5 s and then died
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    const b = replica(store, clock, 'replica-b');
    await tickAt(clock, 0, a, b);
    await tickAt(clock, RENEW_MS, a, b);
    // when the other replica keeps trying
    await tickAt(clock, 10_000, b);
    await tickAt(clock, RENEW_MS + TTL_MS - 1, b);
    // then not before the ttl has passed since the last renewal
    expect(b.election.isLeader).toBe(false);
    // and at once when it has
    await tickAt(clock, RENEW_MS + TTL_MS, b);
    expect(b.election.isLeader).toBe(true);
    expect(b.elected).toBe(1);
    expect(store.holderOf()).toBe('replica-b');
  });

  it('releases the lease on stop, so the other replica leads on its next tick', async () => {
    // given
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    const b = replica(store, clock, 'replica-b');
    await tickAt(clock, 0, a, b);
    // when
    await a.election.stop();
    await tickAt(clock, 1_000, b);
    // then
    expect(a.election.isLeader).toBe(false);
    expect(a.deposed).toBe(0);
    expect(b.election.isLeader).toBe(true);
    expect(store.holderOf()).toBe('replica-b');
  });

  it('stays leader through store errors only while its last renewal surely still holds, then steps down once', async () => {
    // given a leader that renewed last at 5 s
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    await tickAt(clock, 0, a);
    await tickAt(clock, RENEW_MS, a);
    // when the store stops answering
    store.failure = new Error('connection refused');
    await tickAt(clock, 2 * RENEW_MS, a);
    await tickAt(clock, RENEW_MS + (TTL_MS - RENEW_MS) - 1, a);
    // then it still leads within ttl − renewEvery of the last renewal
    expect(a.election.isLeader).toBe(true);
    expect(a.deposed).toBe(0);
    // and steps down when that margin is used up, before the lease could expire
    await tickAt(clock, RENEW_MS + (TTL_MS - RENEW_MS), a);
    expect(a.election.isLeader).toBe(false);
    await tickAt(clock, 4 * RENEW_MS, a);
    await tickAt(clock, 5 * RENEW_MS, a);
    expect(a.deposed).toBe(1);
    expect(a.logs.filter((l) => l === 'the leader lease could not be checked')).toHaveLength(5);
  });

  it('leads again when the store comes back and the lease is still free', async () => {
    // given a leader that stepped down while the store was unreachable
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a');
    await tickAt(clock, 0, a);
    store.failure = new Error('connection refused');
    await tickAt(clock, TTL_MS - RENEW_MS, a);
    expect(a.election.isLeader).toBe(false);
    // when the store answers again after the lease expired
    delete store.failure;
    await tickAt(clock, TTL_MS + RENEW_MS, a);
    // then
    expect(a.election.isLeader).toBe(true);
    expect([a.elected, a.deposed]).toEqual([2, 1]);
  });

  it('logs an elected or deposed callback that throws instead of throwing it', async () => {
    // given callbacks that fail
    const store = new InMemoryLeaseStore();
    const clock = new ManualClock();
    const a = replica(store, clock, 'replica-a', {
      elected: () => {
        throw new Error('takeover failed');
      },
      deposed: () => {
        throw new Error('hand-over failed');
      },
    });
    const b = replica(store, clock, 'replica-b');
    // when it is elected, and deposed after another replica took the expired lease
    await expect(tickAt(clock, 0, a)).resolves.toBeUndefined();
    await tickAt(clock, TTL_MS, b);
    await expect(tickAt(clock, TTL_MS + 1, a)).resolves.toBeUndefined();
    // then both failures are in the log and the election goes on
    expect(a.logs).toEqual(['changing leadership failed', 'changing leadership failed']);
    expect([a.elected, a.deposed]).toEqual([1, 1]);
    expect(a.election.isLeader).toBe(false);
    expect(b.election.isLeader).toBe(true);
  });
});

describe('LeaderElection when the store stops answering', () => {
  /** Timers and Date under the test's control: the system clock, injected, reads the fake time. */
  const fakeTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const STEPS_DOWN_AFTER_MS = TTL_MS - RENEW_MS;

  it('steps down ttl − renewEvery after its last confirmed renewal while the renewal under way never answers', async () => {
    // given a leader that renewed at 0
    fakeTime();
    const store = new InMemoryLeaseStore();
    const a = replica(store, systemClock, 'replica-a');
    started.push(a.election);
    await a.election.start();
    // when the store stops answering, and the renewal due at 5 s hangs
    store.hang();
    await vi.advanceTimersByTimeAsync(STEPS_DOWN_AFTER_MS - 1);
    // then it still leads just before the deadline, with a try under way
    expect(store.tries).toBe(2);
    expect(a.election.isLeader).toBe(true);
    // and steps down at the deadline, once
    await vi.advanceTimersByTimeAsync(1);
    expect(a.election.isLeader).toBe(false);
    expect(a.deposed).toBe(1);
    expect(a.logs).toContain(`the leader lease was not renewed for ${STEPS_DOWN_AFTER_MS} ms (it lasts ${TTL_MS} ms): stepping down`);
    await vi.advanceTimersByTimeAsync(3 * TTL_MS);
    expect(a.deposed).toBe(1);
  });

  it('steps down on time even when no renewal is attempted at all (the watchdog does not wait for a try)', async () => {
    // given a replica elected by one try, and no renewal loop running
    fakeTime();
    const store = new InMemoryLeaseStore();
    const a = replica(store, systemClock, 'replica-a');
    await a.election.tick();
    await flush();
    expect(a.election.isLeader).toBe(true);
    // when time passes without another try
    await vi.advanceTimersByTimeAsync(STEPS_DOWN_AFTER_MS - 1);
    expect(a.election.isLeader).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    // then
    expect(a.election.isLeader).toBe(false);
    expect([a.elected, a.deposed]).toEqual([1, 1]);
  });

  it('keeps trying while tries hang, and leads again from the first try answered in time', async () => {
    // given a leader whose store stops answering
    fakeTime();
    const store = new InMemoryLeaseStore();
    const a = replica(store, systemClock, 'replica-a');
    started.push(a.election);
    await a.election.start();
    const hung = store.hang();
    // when four renewal periods pass
    await vi.advanceTimersByTimeAsync(4 * RENEW_MS);
    // then a try that never answers has not stopped the loop: one at 5 s (given up at 10 s), the next at 15 s
    expect(store.tries).toBe(3);
    expect(a.logs.filter((l) => l === `the leader lease could not be checked: the store did not answer within ${RENEW_MS} ms`)).toHaveLength(2);
    expect(a.election.isLeader).toBe(false);
    // and when the store answers again, the late answers count for nothing but the next try does
    hung.answer();
    await flush();
    expect(a.election.isLeader).toBe(false);
    await vi.advanceTimersByTimeAsync(RENEW_MS);
    expect(a.election.isLeader).toBe(true);
    expect([a.elected, a.deposed]).toEqual([2, 1]);
  });

  it('does not lead again on a renewal that answers after it stepped down, only on a new try', async () => {
    // given a leader that renewed at 0, and a renewal begun at 9 s that hangs
    fakeTime();
    const store = new InMemoryLeaseStore();
    const a = replica(store, systemClock, 'replica-a');
    await a.election.tick();
    await vi.advanceTimersByTimeAsync(9_000);
    const hung = store.hang();
    const late = a.election.tick();
    // when it steps down at 10 s, and the renewal then answers “held” at 12 s, before its own time is up
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.election.isLeader).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    hung.answer();
    await late;
    await flush();
    // then that answer does not make it lead
    expect(store.holderOf()).toBe('replica-a');
    expect(a.election.isLeader).toBe(false);
    expect([a.elected, a.deposed]).toEqual([1, 1]);
    // and a new try does
    await a.election.tick();
    await flush();
    expect(a.election.isLeader).toBe(true);
    expect([a.elected, a.deposed]).toEqual([2, 1]);
  });

  it('steps down at once even while its takeover still waits on the store', async () => {
    // given a replica whose takeover (reading what is in flight) never gets its answer
    fakeTime();
    const store = new InMemoryLeaseStore();
    const takeover = pending();
    const a = replica(store, systemClock, 'replica-a', { elected: () => takeover.promise });
    await a.election.tick();
    // when its lease is not renewed in time
    await vi.advanceTimersByTimeAsync(STEPS_DOWN_AFTER_MS);
    // then stepping down has begun without waiting for the takeover to finish
    expect(a.election.isLeader).toBe(false);
    expect([a.elected, a.deposed]).toEqual([1, 1]);
    takeover.resolve();
  });

  it('skips a takeover whose turn comes after it lost the lead again', async () => {
    // given a leader whose first step-down waits on the store
    fakeTime();
    const store = new InMemoryLeaseStore();
    const firstStepDown = pending();
    const a = replica(store, systemClock, 'replica-a', { deposed: () => (a.deposed === 1 ? firstStepDown.promise : undefined) });
    await a.election.tick();
    await vi.advanceTimersByTimeAsync(STEPS_DOWN_AFTER_MS);
    expect(a.deposed).toBe(1);
    // when it wins the lease again (its takeover waits for that step-down), and loses it again before the step-down ends
    await a.election.tick();
    await vi.advanceTimersByTimeAsync(STEPS_DOWN_AFTER_MS);
    expect(a.deposed).toBe(2);
    firstStepDown.resolve();
    await flush();
    // then the stale takeover never ran
    expect(a.elected).toBe(1);
    expect(a.election.isLeader).toBe(false);
  });

  it('refuses a renewal period that is not shorter than the lease', () => {
    // given / when / then
    expect(() => new LeaderElection(new InMemoryLeaseStore() as unknown as StorePort, systemClock, { holder: 'a', ttlMs: 5_000, renewEveryMs: 5_000 }, { elected: () => undefined, deposed: () => undefined, log: () => undefined })).toThrow(
      'the leader lease must be renewed more often than it lasts (renewed every 5000 ms, lasts 5000 ms)',
    );
  });
});
