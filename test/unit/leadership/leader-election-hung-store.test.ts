import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeaderElection } from '../../../src/app/leadership/leader-election.js';
import { systemClock } from '../../../src/ports/clock.port.js';
import type { StorePort } from '../../../src/ports/store.port.js';
import { InMemoryLeaseStore, RENEW_MS, TTL_MS, flush, pending, replica, started, stopElections } from '../../support/leader-election-fixtures.js';

afterEach(stopElections);

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
