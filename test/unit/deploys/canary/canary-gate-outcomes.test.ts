import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../../src/adapters/store/sqlite-store.js';
import { deployRequest } from '../deploy-fakes.js';
import { NOW, SUBJECT, approvedBy, decide, gateWorld, moving, pausedAt, settle, useGateStore } from './gate-world.js';

/** What a decision does, and what the audit trail and the thread say about it. */
let store: SqliteStore;
useGateStore((fresh) => (store = fresh));

async function pausedGate(world = gateWorld(store)) {
  const gate = world.gates.open(deployRequest('d4p1oy'), SUBJECT, world.workload);
  gate.onProgress(pausedAt(1));
  await settle();
  return { ...world, gate };
}

const audit = async () => (await store.recentAudit(20)).reverse().map(({ actor, action, environment, subject, detail }) => ({ actor, action, environment, subject, detail }));

describe('CanaryGate: carrying out a decision', () => {
  it('given a pause approved by two people, when carried out, then the audit and the thread name the 1-based step and both approvers', async () => {
    // given
    const { gates, gate, said } = await pausedGate();
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', approvedBy('U0BOB', 'U0CAROL')));
    await settle();
    // then
    expect(await audit()).toEqual([
      { actor: 'shipmate', action: 'promote.requested', environment: 'production', subject: 'd4p1oy-s2', detail: 'backend canary paused at step 2/5: Step 2/5 · setWeight 20 · Paused (CanaryPauseStep)' },
      { actor: 'shipmate', action: 'promote.applied', environment: 'production', subject: 'd4p1oy-s2', detail: 'promoted past step 2/5 (approved by U0BOB, U0CAROL)' },
    ]);
    expect(said).toEqual([':fast_forward: Promoted past step 2/5 by @U0BOB, @U0CAROL.']);
    await gate.close('the rollout ended');
  });

  it('given a pause rejected with a reason, when carried out, then the Rollout is aborted and the audit and thread say who aborted it at which step, and why', async () => {
    // given
    const { gates, gate, calls, said } = await pausedGate();
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', { status: 'rejected', decidedBy: 'U0BOB', reason: 'error rate too high' }));
    await settle();
    // then
    expect(calls).toEqual(['abort']);
    expect((await audit()).at(-1)).toEqual({ actor: 'shipmate', action: 'promote.aborted', environment: 'production', subject: 'd4p1oy-s2', detail: 'aborted at step 2/5 by U0BOB — error rate too high' });
    expect(said).toEqual([':octagonal_sign: @U0BOB aborted the canary at step 2/5: Argo returns to the stable ReplicaSet, then shipmate rolls back and locks backend.']);
    await gate.close('the rollout ended');
  });

  it('given a pause withdrawn with no name and no reason recorded, when carried out, then the audit and thread say someone aborted it', async () => {
    // given
    const { gates, gate, calls, said } = await pausedGate();
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', { status: 'cancelled' }));
    await settle();
    // then
    expect(calls).toEqual(['abort']);
    expect((await audit()).at(-1)!.detail).toBe('aborted at step 2/5 by someone');
    expect(said[0]).toMatch(/^:octagonal_sign: someone aborted the canary at step 2\/5:/);
    await gate.close('the rollout ended');
  });

  it('given a request that expired (its day passed), when the gate looks, then nothing is promoted or aborted, nothing said, and the polls stop', async () => {
    // given
    const { gate, calls, said, reads, poll } = await pausedGate();
    await decide(store, 'd4p1oy-s2', { status: 'expired' });
    // when
    gate.poke();
    await settle();
    const readsAfter = reads.length;
    poll();
    await settle();
    // then
    expect(calls).toEqual([]);
    expect(said).toEqual([]);
    expect((await audit()).map((e) => e.action)).toEqual(['promote.requested']);
    expect(reads).toHaveLength(readsAfter);
    await gate.close('the rollout ended');
  });

  it('given an approval that reaches a canary already promoted (kubectl), when carried out, then Argo is not promoted again and nothing is said', async () => {
    // given
    const world = gateWorld(store);
    const { gates, gate, calls, said } = await pausedGate(world);
    world.setPaused(2);
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', approvedBy('U0BOB')));
    await settle();
    // then
    expect(calls).toEqual(['promote 1']);
    expect(said).toEqual([]);
    expect((await audit()).map((e) => e.action)).toEqual(['promote.requested']);
    await gate.close('the rollout ended');
  });
});

describe('CanaryGate: a cluster that refuses the decision', () => {
  it('given a Promote the cluster refuses (or times out) once, when the next poll comes, then it is asked again and carried out once; the polls then stop', async () => {
    // given
    const world = gateWorld(store);
    const promote = world.workload.promote;
    let refusals = 1;
    world.workload.promote = async (stepIndex: number) => {
      if (refusals-- > 0) throw new Error('no answer within 10000 ms');
      return promote(stepIndex);
    };
    const { gates, gate, said, logged, reads, poll } = await pausedGate(world);
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', approvedBy('U0BOB')));
    await settle();
    expect(said).toEqual([]);
    expect(logged.map((l) => l.message)).toEqual(['canary of d4p1oy: the Promote / Abort of step 2 could not be carried out; trying again']);
    poll();
    await settle();
    // then
    expect(said).toEqual([':fast_forward: Promoted past step 2/5 by @U0BOB.']);
    const readsAfter = reads.length;
    poll();
    await settle();
    expect(reads).toHaveLength(readsAfter);
    await gate.close('the rollout ended');
  });

  it('given an Abort the cluster refuses once, when the next poll comes, then the abort is asked again', async () => {
    // given
    const world = gateWorld(store);
    let refusals = 1;
    const aborts: string[] = [];
    world.workload.abort = async () => {
      if (refusals-- > 0) throw new Error('503');
      aborts.push('abort');
    };
    const { gates, gate, poll } = await pausedGate(world);
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', { status: 'rejected', decidedBy: 'U0BOB' }));
    await settle();
    poll();
    await settle();
    // then
    expect(aborts).toEqual(['abort']);
    await gate.close('the rollout ended');
  });
});

describe('CanaryGate: a pause the canary leaves', () => {
  it('given a canary paused at step 2, when it pauses at step 4 and then moves on, then each request is closed saying why and its card redrawn', async () => {
    // given
    const { gate, cards, redrawn } = await pausedGate();
    // when
    gate.onProgress(pausedAt(3));
    await settle();
    gate.onProgress(moving(4));
    await settle();
    // then
    expect(cards).toEqual(['d4p1oy-s2', 'd4p1oy-s4']);
    expect(await store.getRequest('d4p1oy-s2')).toMatchObject({ status: 'expired', reason: 'the canary went on without it', decidedAt: NOW, expiresAt: NOW });
    expect(await store.getRequest('d4p1oy-s4')).toMatchObject({ status: 'expired', reason: 'the canary went on without it (promoted elsewhere, or its pause ended)' });
    expect(redrawn).toEqual([
      { id: 'd4p1oy-s2', status: 'expired', outcome: 'No longer needed: the canary went on without it.' },
      { id: 'd4p1oy-s4', status: 'expired', outcome: 'No longer needed: the canary went on without it (promoted elsewhere, or its pause ended).' },
    ]);
    await gate.close('the rollout ended');
  });

  it('given an approval taken on another replica and not yet polled, when the canary moves on, then the decision stands and its card is not redrawn', async () => {
    // given
    const { gate, calls, redrawn } = await pausedGate();
    await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    // when
    gate.onProgress(moving(2));
    await settle();
    // then
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('approved');
    expect(redrawn).toEqual([]);
    expect(calls).toEqual([]);
    await gate.close('the rollout ended');
  });

  it('given a click landing while the gate closes the request, when both write, then the click\'s decision stands and the card is not redrawn as closed', async () => {
    // given
    const { gate, hooks, redrawn } = await pausedGate();
    hooks.beforeUpdate = async () => {
      hooks.beforeUpdate = undefined;
      await decide(store, 'd4p1oy-s2', { status: 'rejected', decidedBy: 'U0BOB' });
    };
    // when
    await gate.close('the rollout ended');
    // then
    expect((await store.getRequest('d4p1oy-s2'))!).toMatchObject({ status: 'rejected', decidedBy: 'U0BOB' });
    expect(redrawn).toEqual([]);
  });
});

describe('CanaryGate: a store that fails', () => {
  it('given a store read failing when a click is acted on, when the next poll comes, then the failure was logged and the promote is carried out', async () => {
    // given
    const { gates, gate, calls, logged, failNext, poll } = await pausedGate();
    const approved = await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    const down = new Error('the database is down');
    failNext('getRequest', down);
    // when
    gates.decided(approved);
    await settle();
    // then
    expect(calls).toEqual([]);
    expect(logged).toEqual([{ message: 'canary of d4p1oy: the Promote / Abort of step 2 could not be carried out; trying again', error: down }]);
    // when
    poll();
    await settle();
    // then
    expect(calls).toEqual(['promote 1']);
    await gate.close('the rollout ended');
  });

  it('given a store that cannot create the request, when the canary pauses, then the failure is logged and no card is posted', async () => {
    // given
    const world = gateWorld(store);
    const down = new Error('the database is down');
    world.failNext('createRequest', down);
    const gate = world.gates.open(deployRequest('d4p1oy'), SUBJECT, world.workload);
    // when
    gate.onProgress(pausedAt(1));
    await settle();
    // then
    expect(world.cards).toEqual([]);
    expect(world.logged).toEqual([{ message: 'canary of d4p1oy: its Promote / Abort request could not be kept up to date', error: down }]);
    await gate.close('the rollout ended');
  });
});
