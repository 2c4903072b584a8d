import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryLeaseStore, ManualClock, RENEW_MS, TTL_MS, flush, replica, started, tickAt, stopElections } from '../../support/leader-election-fixtures.js';

afterEach(stopElections);

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
