import { describe, expect, it } from 'vitest';
import { gatesFor, deployLockHolder } from '../../../src/app/request-gates.js';
import { newRequest } from '../../../src/domain/approvals/new-request.js';
import type { ApprovalRequest } from '../../../src/ports/store.port.js';
import { exampleConfig, policyDeps } from './policy-fixtures.js';

// 2026-11-22T10:00:00Z (ManualClock's start) is a Sunday; the freeze begins at 10:05 UTC and lasts the hour's minutes 5-59.
const FROZEN_FROM_10_05 = (doc: Record<string, any>) => {
  doc.environments.production.freeze = [{ cron: '5-59 10 * * *', timezone: 'UTC', reason: 'release party' }];
};

function deployRequest(at: Date, options: { override?: boolean; approvals?: number; requestedBy?: string; id?: string } = {}): ApprovalRequest {
  return {
    ...newRequest({
      id: options.id ?? 'd4p1oy',
      action: 'deploy',
      environment: 'production',
      requestedBy: options.requestedBy ?? 'U0ALICE',
      payload: { service: 'backend', version: '1.1.0', override: options.override ?? false },
      channelId: 'C0RELEASES',
      rule: { approvals: options.approvals ?? 1, selfApproval: false },
      now: at,
      ttlMinutes: 30,
    }),
  };
}

function promoteRequest(at: Date, override: boolean): ApprovalRequest {
  return newRequest({
    id: 'd4p1oy-s2',
    action: 'promote',
    environment: 'production',
    requestedBy: 'U0ALICE',
    payload: { deployRequestId: 'd4p1oy', service: 'backend', version: '1.1.0', stepIndex: 1, stepCount: 5, override },
    channelId: 'C0RELEASES',
    rule: { approvals: 1, selfApproval: false },
    now: at,
    ttlMinutes: 24 * 60,
  });
}

describe('gatesFor a canary\'s Promote', () => {
  it('given a canary that paused before a freeze window, when promoted inside it, then the Promote is refused (the canary stays paused); outside it, it passes', async () => {
    // given
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request = promoteRequest(deps.clock.now(), false);
    // when / then
    expect(await gatesFor(request, 'approval', deps)).toEqual({ requiredApprovals: 1, extraApprovals: 0 });
    deps.clock.advance(6 * 60_000);
    expect(String((await gatesFor(request, 'approval', deps)).refusal)).toBe('production is frozen (release party): the canary stays paused; Abort still works, or promote after the window');
  });

  it('given a deploy asked with --override, when its canary is promoted inside the freeze, then the Promote needs one approval more', async () => {
    // given
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request = promoteRequest(deps.clock.now(), true);
    deps.clock.advance(6 * 60_000);
    // when
    const verdict = await gatesFor(request, 'approval', deps);
    // then
    expect(verdict).toEqual({ requiredApprovals: 2, extraApprovals: 1 });
  });
});

describe('gatesFor (re-checked at approval and at start)', () => {
  it('passes a deploy outside any freeze window, lock or policy change', async () => {
    // given
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request = deployRequest(deps.clock.now());
    // when
    const verdict = await gatesFor(request, 'approval', deps);
    // then
    expect(verdict).toEqual({ requiredApprovals: 1, extraApprovals: 0 });
  });

  it('refuses a deploy asked before a freeze window and approved inside it, without --override', async () => {
    // given: asked at 10:00, the freeze begins at 10:05
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request = deployRequest(deps.clock.now());
    // when: approved at 10:06
    deps.clock.advance(6 * 60_000);
    const verdict = await gatesFor(request, 'approval', deps);
    // then
    expect(String(verdict.refusal)).toBe('production is frozen (release party) since this was asked; ask again with --override (it then needs 2 approvals)');
  });

  it('asks one approval more than the rule of a request with --override once the freeze has begun', async () => {
    // given
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request = deployRequest(deps.clock.now(), { override: true });
    deps.clock.advance(6 * 60_000);
    // when
    const verdict = await gatesFor(request, 'approval', deps);
    // then
    expect(verdict).toEqual({ requiredApprovals: 2, extraApprovals: 1 });
  });

  it('refuses at start an approved request that has fewer approvals than it needs now', async () => {
    // given: approved once at 10:01 with --override, started at 10:06 inside the freeze
    const deps = await policyDeps(exampleConfig(FROZEN_FROM_10_05));
    const request: ApprovalRequest = { ...deployRequest(deps.clock.now(), { override: true }), status: 'approved', approvals: [{ userId: 'U0BOB', at: deps.clock.now() }] };
    deps.clock.advance(6 * 60_000);
    // when
    const verdict = await gatesFor(request, 'start', deps);
    // then
    expect(String(verdict.refusal)).toContain('it has 1 of the 2 approvals it needs now');
  });

  it('refuses while someone else holds a lock on the service, but not on the request\'s own lock or an expired one', async () => {
    // given
    const deps = await policyDeps(exampleConfig());
    const request = deployRequest(deps.clock.now());
    await deps.store.acquireLock({ service: 'backend', environment: 'production', holder: 'U0CAROL', reason: 'db migration', at: deps.clock.now() });
    // when
    const locked = await gatesFor(request, 'approval', deps);
    await deps.store.releaseLock('backend', 'production');
    await deps.store.acquireLock({ service: 'backend', environment: 'production', holder: deployLockHolder(request.id), reason: 'rolling out', at: deps.clock.now() });
    const own = await gatesFor(request, 'approval', deps);
    // then
    expect(String(locked.refusal)).toContain('deploys of backend to production are locked by @U0CAROL');
    expect(String(locked.refusal)).toContain('db migration');
    expect(own.refusal).toBeUndefined();
  });

  it('refuses when the requester may no longer ask, and raises the approvals to the current rule', async () => {
    // given: production deploys now need 2 approvals and only @release-managers may ask
    const deps = await policyDeps(exampleConfig((doc) => (doc.policy.deploy.production = { requesters: ['@release-managers'], approvers: ['U0BOB', 'U0CAROL'], approvals: 2 })));
    // when
    const byAlice = await gatesFor(deployRequest(deps.clock.now()), 'approval', deps);
    const byCarol = await gatesFor(deployRequest(deps.clock.now(), { requestedBy: 'U0CAROL' }), 'approval', deps);
    // then
    expect(String(byAlice.refusal)).toBe('@U0ALICE may no longer request deploys in production; ask again');
    expect(byCarol).toEqual({ requiredApprovals: 2, extraApprovals: 1 });
  });
});
