import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../../src/adapters/store/sqlite-store.js';
import { CanaryGates } from '../../../../src/app/deploys/canary-gate.js';
import { promotePayloadOf, promoteRequestId } from '../../../../src/app/deploys/promote-request.js';
import type { CanaryProgress } from '../../../../src/domain/deploys/watch-rollout.js';
import { plainTextOf, type RichValue } from '../../../../src/domain/text/rich-text.js';
import type { ApprovalRequest } from '../../../../src/ports/store.port.js';
import { waitUntil } from '../../../support/wait-until.js';
import { deployRequest } from '../deploy-fakes.js';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const SUBJECT = { service: 'backend', version: '1.1.0', previousImage: 'shop/backend:1.0.0' };
const POLICY = { deploy: { production: { approvers: ['U0BOB', 'U0CAROL'], approvals: 1, selfApproval: false } } };

const pausedAt = (stepIndex: number, extra: Partial<CanaryProgress> = {}): CanaryProgress => ({
  stepIndex,
  stepCount: 5,
  setWeight: 20,
  paused: true,
  awaitingPromotion: true,
  line: `Step ${stepIndex + 1}/5 · setWeight 20 · canary 1/5 ready · Paused (CanaryPauseStep)`,
  ...extra,
});
const moving = (stepIndex: number): CanaryProgress => ({ stepIndex, stepCount: 5, setWeight: 50, paused: false, awaitingPromotion: false, line: `Step ${stepIndex + 1}/5 · setWeight 50` });

let store: SqliteStore;
beforeEach(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
});
afterEach(() => store.close());

function world(options: { pausedStep?: number } = {}) {
  const said: string[] = [];
  const cards: { deploy: string; promote: string; status: string }[] = [];
  const redrawn: { id: string; status: string; outcome?: string }[] = [];
  const calls: string[] = [];
  let pausedStep: number | undefined = options.pausedStep ?? 1;
  const workload = {
    async promote(stepIndex: number) {
      if (pausedStep !== stepIndex) return 'moved-on' as const;
      calls.push(`promote ${stepIndex}`);
      pausedStep = undefined;
      return 'promoted' as const;
    },
    async abort() {
      calls.push('abort');
    },
  };
  const gates = new CanaryGates({
    store,
    clock: { now: () => NOW, sleep: async () => undefined },
    config: { policy: POLICY as never, environments: { production: { protected: true } } as never },
    notifier: {
      progress: async (_request, text: RichValue) => void said.push(plainTextOf(text)),
      promoteCard: async (deploy, promote) => void cards.push({ deploy: deploy.id, promote: promote.id, status: promote.status }),
      cardChanged: async (request, outcome) => void redrawn.push({ id: request.id, status: request.status, ...(outcome ? { outcome: plainTextOf(outcome) } : {}) }),
    },
    log: () => undefined,
    pollMs: 10,
  });
  return { said, cards, redrawn, calls, workload, gates, setPaused: (step: number | undefined) => (pausedStep = step) };
}

async function decide(id: string, change: Partial<ApprovalRequest>): Promise<ApprovalRequest> {
  const current = (await store.getRequest(id))!;
  const next = { ...current, ...change, decidedAt: NOW, version: current.version + 1 } as ApprovalRequest;
  expect(await store.updateRequest(next)).toBe(true);
  return next;
}

describe('CanaryGate: Promote and Abort of a deploy\'s paused canary', () => {
  it('given a canary awaiting promotion, when seen, then one promote request under the promote policy is stored in the requester\'s name and its card posted in the deploy\'s thread', async () => {
    // given
    const { gates, workload, cards } = world();
    const deploy = deployRequest('d4p1oy');
    const gate = gates.open(deploy, SUBJECT, workload);
    // when
    gate.onProgress(pausedAt(1, { analysis: 'error-rate 0.2 Successful' }));
    gate.onProgress(pausedAt(1));
    await waitUntil(() => cards.length > 0, 5_000, 'the card');
    // then
    const request = (await store.getRequest(promoteRequestId(deploy, 'backend', 1)))!;
    expect(request).toMatchObject({ id: 'd4p1oy-s2', action: 'promote', status: 'pending', requestedBy: 'U0ALICE', environment: 'production', requiredApprovals: 1, channelId: 'C0RELEASES' });
    expect(promotePayloadOf(request)).toMatchObject({ deployRequestId: 'd4p1oy', stepIndex: 1, stepCount: 5, service: 'backend', version: '1.1.0' });
    expect(promotePayloadOf(request).card.changes).toContain('Analysis: error-rate 0.2 Successful');
    expect(promotePayloadOf(request).card.protected).toBe(true);
    expect(cards).toEqual([{ deploy: 'd4p1oy', promote: 'd4p1oy-s2', status: 'pending' }]);
    expect((await store.recentAudit(5)).map((e) => e.action)).toEqual(['promote.requested']);
    await gate.close('the rollout ended');
  });

  it('given an approved promote request, when the gate polls, then the Rollout is promoted once, audited and told in the thread', async () => {
    // given
    const { gates, workload, cards, calls, said } = world();
    const gate = gates.open(deployRequest('d4p1oy'), SUBJECT, workload);
    gate.onProgress(pausedAt(1));
    await waitUntil(() => cards.length > 0, 5_000, 'the card');
    // when
    await decide('d4p1oy-s2', { status: 'approved', approvals: [{ userId: 'U0BOB', at: NOW }], decidedBy: 'U0BOB' });
    await waitUntil(() => said.length > 0, 5_000, 'the promote line');
    // then
    expect(calls).toEqual(['promote 1']);
    expect(said).toEqual([':fast_forward: Promoted past step 2/5 by @U0BOB.']);
    expect((await store.recentAudit(5)).map((e) => e.action)).toEqual(['promote.applied', 'promote.requested']);
    await gate.close('the rollout ended');
    expect(calls).toEqual(['promote 1']);
  });

  it('given a rejected or withdrawn promote request, when decided, then the Rollout is aborted and the thread says who aborted it', async () => {
    for (const status of ['rejected', 'cancelled'] as const) {
      // given
      const { gates, workload, cards, calls, said } = world();
      const gate = gates.open(deployRequest(`ab${status.slice(0, 4)}`), SUBJECT, workload);
      gate.onProgress(pausedAt(1));
      await waitUntil(() => cards.length > 0, 5_000, 'the card');
      // when
      const decided = await decide(`ab${status.slice(0, 4)}-s2`, { status, decidedBy: status === 'rejected' ? 'U0BOB' : 'U0ALICE' });
      gates.decided(decided);
      await waitUntil(() => said.length > 0, 5_000, 'the abort line');
      // then
      expect(calls).toEqual(['abort']);
      expect(said[0]).toContain(`@${decided.decidedBy} aborted the canary at step 2/5`);
      await gate.close('the rollout ended');
    }
  });

  it('given a pause promoted elsewhere (kubectl), when the canary goes on, then its pending request is closed and the card says why, and nothing is promoted', async () => {
    // given
    const { gates, workload, cards, calls, redrawn } = world();
    const gate = gates.open(deployRequest('d4p1oy'), SUBJECT, workload);
    gate.onProgress(pausedAt(1));
    await waitUntil(() => cards.length > 0, 5_000, 'the card');
    // when
    gate.onProgress(moving(2));
    await waitUntil(() => redrawn.length > 0, 5_000, 'the card redrawn');
    // then
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('expired');
    expect(redrawn[0]).toMatchObject({ id: 'd4p1oy-s2', status: 'expired' });
    expect(redrawn[0]!.outcome).toContain('No longer needed');
    expect(calls).toEqual([]);
    await gate.close('the rollout ended');
  });

  it('given an approval taken while this process was down, when a restarted follow sees the same pause, then the existing request is used and the promote carried out', async () => {
    // given: the first follow opened the request and was handed over
    const first = world();
    const before = first.gates.open(deployRequest('d4p1oy'), SUBJECT, first.workload);
    before.onProgress(pausedAt(1));
    await waitUntil(() => first.cards.length > 0, 5_000, 'the card');
    await before.close(undefined);
    expect((await store.getRequest('d4p1oy-s2'))!.status).toBe('pending');
    await decide('d4p1oy-s2', { status: 'approved', approvals: [{ userId: 'U0CAROL', at: NOW }], decidedBy: 'U0CAROL' });
    // when
    const after = world();
    const gate = after.gates.open(deployRequest('d4p1oy'), SUBJECT, after.workload);
    gate.onProgress(pausedAt(1));
    await waitUntil(() => after.calls.length > 0, 5_000, 'the promote');
    // then
    expect(after.calls).toEqual(['promote 1']);
    expect(after.cards).toEqual([]);
    expect((await store.recentAudit(10)).filter((e) => e.action === 'promote.requested')).toHaveLength(1);
    await gate.close('the rollout ended');
  });

  it('given a rollout that ends while a pause waits, when closed, then the request is closed; handed over, it stays open for the next follower', async () => {
    // given
    const { gates, workload, cards } = world();
    const gate = gates.open(deployRequest('d4p1oy'), SUBJECT, workload);
    gate.onProgress(pausedAt(1));
    await waitUntil(() => cards.length > 0, 5_000, 'the card');
    // when
    await gate.close('the rollout ended');
    // then
    expect((await store.getRequest('d4p1oy-s2'))!).toMatchObject({ status: 'expired', reason: 'the rollout ended' });
  });

  it('given a release rolling out several canaries, when one pauses, then its request names the service and a click pokes only that gate', async () => {
    // given
    const { gates, workload, cards, calls } = world();
    const release: ApprovalRequest = { ...deployRequest('r4t8m2'), action: 'release' };
    const gate = gates.open(release, { service: 'checkout', version: '1.2.0' }, workload);
    gate.onProgress(pausedAt(1));
    await waitUntil(() => cards.length > 0, 5_000, 'the card');
    // when
    const decided = await decide('r4t8m2-checkout-s2', { status: 'approved', approvals: [{ userId: 'U0BOB', at: NOW }], decidedBy: 'U0BOB' });
    gates.decided(decided);
    await waitUntil(() => calls.length > 0, 5_000, 'the promote');
    // then
    expect(cards).toEqual([{ deploy: 'r4t8m2', promote: 'r4t8m2-checkout-s2', status: 'pending' }]);
    expect(promotePayloadOf(decided)).toMatchObject({ deployRequestId: 'r4t8m2', service: 'checkout', version: '1.2.0' });
    expect(calls).toEqual(['promote 1']);
    await gate.close('the rollout ended');
  });

  it('given the canary leaving its pause (or the rollout ending) while the request is still being created, when the create lands, then the request is closed, not left open', async () => {
    for (const leave of ['moves on', 'ends'] as const) {
      // given a store whose createRequest is held until the test lets it go
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const createRequest = store.createRequest.bind(store);
      store.createRequest = async (request) => {
        await held;
        return createRequest(request);
      };
      const { gates, workload } = world();
      const deploy = deployRequest(leave === 'ends' ? 'endsxx' : 'movesx');
      const gate = gates.open(deploy, SUBJECT, workload);
      gate.onProgress(pausedAt(1));
      // when
      const closing = leave === 'ends' ? gate.close('the rollout ended') : (gate.onProgress(moving(2)), Promise.resolve());
      release();
      await closing;
      const id = promoteRequestId(deploy, 'backend', 1);
      await waitUntil(async () => ((await store.getRequest(id))?.status ?? 'pending') !== 'pending', 5_000, 'the request to be created and closed');
      // then
      expect((await store.getRequest(id))!.status).toBe('expired');
      await gate.close('the rollout ended');
      store.createRequest = createRequest;
    }
  });

  it('given a timed pause, when seen, then no request is opened', async () => {
    // given
    const { gates, workload, cards } = world();
    const gate = gates.open(deployRequest('d4p1oy'), SUBJECT, workload);
    // when
    gate.onProgress(pausedAt(1, { awaitingPromotion: false }));
    await gate.close('the rollout ended');
    // then
    expect(cards).toEqual([]);
    expect(await store.getRequest('d4p1oy-s2')).toBeUndefined();
  });
});
