import { describe, expect, it, vi } from 'vitest';
import type { SqliteStore } from '../../../../src/adapters/store/sqlite-store.js';
import { deployRequest } from '../deploy-fakes.js';
import { SUBJECT, approvedBy, decide, gateWorld, moving, pausedAt, settle, useGateStore } from './gate-world.js';

/** When a decision is acted on: a click on this replica at once, one taken elsewhere at the next poll; a closed gate never. */
let store: SqliteStore;
useGateStore((fresh) => (store = fresh));

async function pausedGate(world = gateWorld(store), deploy = deployRequest('d4p1oy')) {
  const gate = world.gates.open(deploy, SUBJECT, world.workload);
  gate.onProgress(pausedAt(1));
  await settle();
  return { ...world, gate };
}

describe('CanaryGates: a Promote / Abort click reaches the gate of its canary', () => {
  it('given a paused canary and no poll due, when Promote is clicked on this replica, then the Rollout is promoted at once', async () => {
    // given
    const { gates, gate, cards, calls, said } = await pausedGate();
    expect(cards).toEqual(['d4p1oy-s2']);
    // when
    gates.decided(await decide(store, 'd4p1oy-s2', approvedBy('U0BOB')));
    await settle();
    // then
    expect(calls).toEqual(['promote 1']);
    expect(said).toEqual([':fast_forward: Promoted past step 2/5 by @U0BOB.']);
    await gate.close('the rollout ended');
  });

  it('given a paused canary, when its request waits and then is approved on another replica, then each poll reads it and the one after the approval promotes, and polling stops', async () => {
    // given
    const { gate, calls, reads, poll } = await pausedGate();
    // when: a poll while nobody decided
    poll();
    await settle();
    // then
    expect(calls).toEqual([]);
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('pending');
    // when: approved elsewhere, seen by the next poll
    await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    await settle();
    expect(calls).toEqual([]);
    poll();
    await settle();
    // then
    expect(calls).toEqual(['promote 1']);
    const readsAfterPromote = reads.length;
    poll();
    await settle();
    expect(reads).toHaveLength(readsAfterPromote);
    await gate.close('the rollout ended');
  });

  it('given a paused canary, when Promote is clicked twice in a row, then Argo is asked once', async () => {
    // given
    const { gates, gate, calls } = await pausedGate();
    const approved = await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    // when
    gates.decided(approved);
    gates.decided(approved);
    await settle();
    // then
    expect(calls).toEqual(['promote 1']);
    await gate.close('the rollout ended');
  });

  it('given an open gate, when another deploy\'s, another service\'s or a non-promote request\'s decision comes, then it is not poked', async () => {
    // given
    const { gates, gate } = await pausedGate();
    const poked = vi.spyOn(gate, 'poke');
    const promote = (await store.getRequest('d4p1oy-s2'))!;
    const payload = promote.payload;
    // when
    gates.decided({ ...promote, id: 'x9y8z7-s2', payload: { ...payload, deployRequestId: 'x9y8z7' } });
    gates.decided({ ...promote, id: 'd4p1oy-frontend-s2', payload: { ...payload, service: 'frontend' } });
    gates.decided({ ...promote, action: 'deploy' });
    gates.decided(deployRequest('d4p1oy'));
    // then
    expect(poked).not.toHaveBeenCalled();
    // when: its own
    gates.decided(promote);
    // then
    expect(poked).toHaveBeenCalledTimes(1);
    await gate.close('the rollout ended');
  });

  it('given a closed gate, when a decision of its pause comes, then the registry has forgotten it', async () => {
    // given
    const { gates, gate } = await pausedGate();
    const poked = vi.spyOn(gate, 'poke');
    await gate.close(undefined);
    // when
    gates.decided((await store.getRequest('d4p1oy-s2'))!);
    // then
    expect(poked).not.toHaveBeenCalled();
  });

  it('given a restarted follow of the same canary, when the older gate closes after it, then a click still reaches the newer gate at once', async () => {
    // given
    const world = gateWorld(store);
    const older = await pausedGate(world);
    const newer = await pausedGate(world);
    // when
    await older.gate.close(undefined);
    world.gates.decided(await decide(store, 'd4p1oy-s2', approvedBy('U0CAROL')));
    await settle();
    // then
    expect(world.calls).toEqual(['promote 1']);
    await newer.gate.close('the rollout ended');
  });
});

describe('CanaryGate: what it does not do', () => {
  it('given a gate handed over while paused, when progress, a poke or the poll comes, then it reads and opens nothing', async () => {
    // given
    const { gate, cards, reads, calls, poll } = await pausedGate();
    await gate.close(undefined);
    await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    reads.length = 0;
    // when
    gate.onProgress(pausedAt(3));
    gate.onProgress(moving(4));
    gate.poke();
    poll();
    await settle();
    // then
    expect(reads).toEqual([]);
    expect(cards).toEqual(['d4p1oy-s2']);
    expect(calls).toEqual([]);
    expect(await store.getRequest('d4p1oy-s4')).toBeUndefined();
  });

  it('given a canary paused at a step, when the same pause is seen again, then nothing new is opened and its request still waits', async () => {
    // given
    const { gate, cards, redrawn } = await pausedGate();
    // when
    gate.onProgress(pausedAt(1));
    await settle();
    // then
    expect(cards).toEqual(['d4p1oy-s2']);
    expect(redrawn).toEqual([]);
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('pending');
    expect((await store.recentAudit(10)).map((e) => e.action)).toEqual(['promote.requested']);
    await gate.close('the rollout ended');
  });

  it('given a canary moving, paused for a time, or without a step, when seen, poked or closed, then the gate reads nothing', async () => {
    // given
    const { gates, workload, cards, reads } = gateWorld(store);
    const gate = gates.open(deployRequest('d4p1oy'), SUBJECT, workload);
    // when
    gate.onProgress(moving(0));
    gate.onProgress(pausedAt(1, { awaitingPromotion: false }));
    const { stepIndex: _none, ...withoutStep } = pausedAt(1);
    gate.onProgress(withoutStep);
    gate.poke();
    await gate.close('the rollout ended');
    await settle();
    // then
    expect(reads).toEqual([]);
    expect(cards).toEqual([]);
  });

  it('given a canary paused at step 2, when a pause without a step index is seen, then none is opened for it and step 2\'s request is closed as left', async () => {
    // given
    const { gate, cards } = await pausedGate();
    const { stepIndex: _none, ...withoutStep } = pausedAt(1);
    // when
    gate.onProgress(withoutStep);
    await settle();
    // then
    expect(cards).toEqual(['d4p1oy-s2']);
    expect((await store.getRequest('d4p1oy-s2'))!.reason).toBe('the canary went on without it (promoted elsewhere, or its pause ended)');
    await gate.close('the rollout ended');
  });

  it('given a click being read, when the follow is handed over meanwhile, then this gate does not carry it out (the next follower does)', async () => {
    // given
    const { gates, gate, calls } = await pausedGate();
    const approved = await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    // when
    gates.decided(approved);
    await gate.close(undefined);
    await settle();
    // then
    expect(calls).toEqual([]);
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('approved');
  });

  it('given a click being read, when the canary goes on meanwhile (promoted with kubectl), then the gate does not act on the pause it left', async () => {
    // given
    const { gates, gate, calls } = await pausedGate();
    const approved = await decide(store, 'd4p1oy-s2', approvedBy('U0BOB'));
    // when
    gates.decided(approved);
    gate.onProgress(moving(2));
    await settle();
    // then
    expect(calls).toEqual([]);
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('approved');
    await gate.close('the rollout ended');
  });

  it('given a follow that ends, or moves on, while the card is being posted, when the card is up, then no poll is left running', async () => {
    for (const leave of ['handed over', 'moved on'] as const) {
      // given
      const world = gateWorld(store);
      const gate = world.gates.open(deployRequest(leave === 'handed over' ? 'h4nd3d' : 'm0v3d0'), SUBJECT, world.workload);
      // when
      gate.onProgress(pausedAt(1));
      if (leave === 'handed over') await gate.close(undefined);
      else gate.onProgress(moving(2));
      await settle();
      // then
      expect(world.cards).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
      await gate.close('the rollout ended');
    }
  });
});
