import { describe, expect, it } from 'vitest';
import { gatesFor } from '../../../../src/app/request-gates.js';
import { releaseLockHolder } from '../../../../src/app/releases/release-context.js';
import type { ReleaseRequestPayload } from '../../../../src/app/releases/release-deps.js';
import { newRequest } from '../../../../src/domain/approvals/new-request.js';
import type { ApprovalRequest } from '../../../../src/ports/store.port.js';
import { plannedTarget } from '../../../support/release-plan-world.js';
import { policyDeps, type PolicyDeps } from '../policy-fixtures.js';
import { digestOf, MIGRATE, releaseConfig } from './release-plan-fixtures.js';

// ManualClock starts at 2026-11-22T10:00:00Z; the freeze covers 10:05-10:59 UTC.
const FROZEN_FROM_10_05 = (doc: Record<string, any>) => (doc.environments.staging.freeze = [{ cron: '5-59 10 * * *', timezone: 'UTC', reason: 'release party' }]);

/** A release of 1.2.0 to staging that migrates with backend and deploys frontend only. */
function releaseAsked(deps: PolicyDeps, options: { override?: boolean } = {}): ApprovalRequest {
  const plan: Omit<ReleaseRequestPayload, 'card'> = {
    environment: 'staging',
    version: '1.2.0',
    stages: [
      { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 },
      { type: 'deploy', services: ['frontend'] },
    ],
    from: 0,
    services: [{ ...plannedTarget('backend', '1.2.0', digestOf('backend')), deployed: false }, plannedTarget('frontend', '1.2.0', digestOf('frontend'))],
    preflight: [],
    blockers: [],
    override: options.override ?? false,
  };
  return newRequest({
    id: 'r3l3as',
    action: 'release',
    environment: 'staging',
    requestedBy: 'U0ALICE',
    payload: plan as unknown as Record<string, unknown>,
    channelId: 'C0RELEASES',
    rule: { approvals: 1, selfApproval: false },
    now: deps.clock.now(),
    ttlMinutes: 30,
  });
}

const lock = (deps: PolicyDeps, service: string, holder: string) =>
  deps.store.acquireLock({ service, environment: 'staging', holder, reason: 'db maintenance', at: deps.clock.now() });

describe('gatesFor a release: locks and freeze windows', () => {
  it('given someone else\'s lock on a service the release deploys, when approved, then it is refused naming the lock', async () => {
    // given
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }]));
    await lock(deps, 'frontend', 'U0CAROL');
    // when
    const verdict = await gatesFor(releaseAsked(deps), 'approval', deps);
    // then
    expect(String(verdict.refusal)).toContain('frontend to staging are locked by @U0CAROL');
    expect(String(verdict.refusal)).toContain('db maintenance');
  });

  it('given the release\'s own `release <id>` lock (its run holds it), when started, then it is not refused', async () => {
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }]));
    const request = { ...releaseAsked(deps), status: 'approved' as const, approvals: [{ userId: 'U0BOB', at: deps.clock.now() }] };
    await lock(deps, 'frontend', releaseLockHolder(request.id));
    expect(await gatesFor(request, 'start', deps)).toEqual({ requiredApprovals: 1, extraApprovals: 0 });
  });

  it('given another release\'s lock on a deployed service, when approved, then it is refused', async () => {
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }]));
    await lock(deps, 'frontend', releaseLockHolder('other1'));
    expect((await gatesFor(releaseAsked(deps), 'approval', deps)).refusal).toBeDefined();
  });

  it('given a lock on a service the release only migrates with, when approved, then it is not refused (nothing of it is rolled out)', async () => {
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }]));
    await lock(deps, 'backend', 'U0CAROL');
    expect((await gatesFor(releaseAsked(deps), 'approval', deps)).refusal).toBeUndefined();
  });

  it('given an expired lock on a deployed service, when approved, then it no longer refuses', async () => {
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }]));
    await deps.store.acquireLock({ service: 'frontend', environment: 'staging', holder: 'U0CAROL', reason: 'r', at: deps.clock.now(), until: deps.clock.now() });
    expect((await gatesFor(releaseAsked(deps), 'approval', deps)).refusal).toBeUndefined();
  });

  it('given a freeze window that began after the release was asked without --override, when approved, then it is refused', async () => {
    // given
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }], FROZEN_FROM_10_05));
    const request = releaseAsked(deps);
    deps.clock.advance(6 * 60_000);
    // when
    const verdict = await gatesFor(request, 'approval', deps);
    // then
    expect(String(verdict.refusal)).toBe('staging is frozen (release party) since this was asked; ask again with --override (it then needs 2 approvals)');
  });

  it('given a freeze window and --override, when started with one approval, then it needs one more', async () => {
    // given
    const deps = await policyDeps(releaseConfig([MIGRATE, { deploy: ['frontend'] }], FROZEN_FROM_10_05));
    const request = { ...releaseAsked(deps, { override: true }), status: 'approved' as const, approvals: [{ userId: 'U0BOB', at: deps.clock.now() }] };
    deps.clock.advance(6 * 60_000);
    // when
    const atApproval = await gatesFor(request, 'approval', deps);
    const atStart = await gatesFor(request, 'start', deps);
    // then
    expect(atApproval).toEqual({ requiredApprovals: 2, extraApprovals: 1 });
    expect(String(atStart.refusal)).toContain('it has 1 of the 2 approvals it needs now');
  });
});
