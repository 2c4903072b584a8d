import { describe, expect, it } from 'vitest';
import type { ReleaseArgs } from '../../../../commands/release.js';
import { createReleaseRequest, validateRelease } from '../../../../src/app/releases/request-release.js';
import type { ReleaseRequestPayload } from '../../../../src/app/releases/release-deps.js';
import type { ShipmateConfig } from '../../../../src/config/schema.js';
import { Refusal } from '../../../../src/usage-error.js';
import { policyDeps } from '../policy-fixtures.js';
import { MIGRATE, releaseConfig, releaseWorld } from './release-plan-fixtures.js';

const RUNBOOK = [MIGRATE, { deploy: ['backend'] }, { deploy: ['frontend'] }];
const ALWAYS_FROZEN = (doc: Record<string, any>) => (doc.environments.staging.freeze = [{ cron: '* * * * *', timezone: 'UTC', reason: 'release party' }]);
const MANAGERS_ONLY = (doc: Record<string, any>) => (doc.policy.release = { staging: { requesters: ['@release-managers'], approvals: 1 } });
const args = (over: Partial<ReleaseArgs> = {}): ReleaseArgs => ({ version: '1.2.0', env: 'staging', from: undefined, override: false, ...over });

/** The policy deps (SQLite store in memory, @release-managers = U0BOB, U0CAROL) with the plan world's ECR and cluster. */
async function requestDeps(config: ShipmateConfig, world = releaseWorld()) {
  const deps = await policyDeps(config);
  return { ...deps, portsFor: () => world.ports, calls: world.calls };
}

describe('validateRelease: the release policy, before any call', () => {
  it('given a requester outside the release policy, when asking, then it is refused naming the rule, and no backend is asked', async () => {
    // given
    const deps = await requestDeps(releaseConfig(RUNBOOK, MANAGERS_ONLY));
    // when
    const asking = validateRelease(args(), 'U0ALICE', deps);
    // then
    await expect(asking).rejects.toBeInstanceOf(Refusal);
    await expect(asking).rejects.toThrow(/^you may not request releases to staging: /);
    expect(deps.calls).toEqual([]);
  });

  it('given a requester inside the release policy, when asking, then the environment and the rule come back', async () => {
    const deps = await requestDeps(releaseConfig(RUNBOOK, MANAGERS_ONLY));
    const ask = await validateRelease(args(), 'U0BOB', deps);
    expect(ask).toMatchObject({ environment: 'staging', rule: { requesters: ['@release-managers'], approvals: 1 } });
    expect(deps.calls).toEqual([]);
  });
});

describe('createReleaseRequest: the plan, its blockers, the approvals it needs', () => {
  it('given a lock, a freeze without --override and an image that is nowhere, when asked, then it is refused listing every blocker, and nothing is stored', async () => {
    // given
    const deps = await requestDeps(releaseConfig(RUNBOOK, ALWAYS_FROZEN), releaseWorld({ tags: { frontend: ['1.1.0'] } }));
    await deps.store.acquireLock({ service: 'backend', environment: 'staging', holder: 'U0CAROL', reason: 'db maintenance', at: deps.clock.now() });
    const ask = await validateRelease(args(), 'U0ALICE', deps);
    // when
    const asking = createReleaseRequest(ask, 'U0ALICE', 'C0RELEASES', deps);
    // then
    await expect(asking).rejects.toBeInstanceOf(Refusal);
    const lines = ((await asking.catch((e: Error) => e)) as Error).message.split('\n');
    expect(lines[0]).toBe('release 1.2.0 cannot go to staging now:');
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.startsWith('• '))).toBe(true);
    expect(lines.join('\n')).toContain('frontend: shop/frontend:1.2.0 is not in ECR, and this release does not build it');
    expect(lines.join('\n')).toContain('db maintenance');
    expect(lines.join('\n')).toContain('staging is frozen (release party); add --override');
    expect(await deps.store.listRequests({})).toEqual([]);
    expect(await deps.store.recentAudit(10)).toEqual([]);
  });

  it('given nothing in the way, when asked, then a pending request under the release rule is stored and release.requested audited', async () => {
    // given
    const deps = await requestDeps(releaseConfig(RUNBOOK));
    const ask = await validateRelease(args(), 'U0ALICE', deps);
    // when
    const request = await createReleaseRequest(ask, 'U0ALICE', 'C0RELEASES', deps);
    // then
    expect(request).toMatchObject({ action: 'release', environment: 'staging', requestedBy: 'U0ALICE', status: 'pending', requiredApprovals: 1, channelId: 'C0RELEASES' });
    const plan = request.payload as unknown as ReleaseRequestPayload;
    expect(plan).toMatchObject({ version: '1.2.0', from: 0, blockers: [], override: false });
    expect(plan.services.map((s) => s.service)).toEqual(['backend', 'frontend']);
    expect((await deps.store.getRequest(request.id))?.id).toBe(request.id);
    const audit = await deps.store.recentAudit(10);
    expect(audit.map((a) => ({ action: a.action, actor: a.actor, subject: a.subject, environment: a.environment }))).toEqual([
      { action: 'release.requested', actor: 'U0ALICE', subject: request.id, environment: 'staging' },
    ]);
    expect(audit[0]!.detail).toBe(`1.2.0: ${plan.card.title}`);
  });

  it('given a freeze window and --override, when asked, then the request needs one approval more than the rule, and the card says so', async () => {
    // given
    const deps = await requestDeps(releaseConfig(RUNBOOK, ALWAYS_FROZEN));
    const ask = await validateRelease(args({ override: true }), 'U0ALICE', deps);
    // when
    const request = await createReleaseRequest(ask, 'U0ALICE', 'C0RELEASES', deps);
    // then
    expect(request.requiredApprovals).toBe(2);
    const plan = request.payload as unknown as ReleaseRequestPayload;
    expect(plan.frozen).toBe('release party');
    expect(plan.card.policyLine).toBe('Releases in staging need 2 distinct approvals from anyone but the requester.');
  });

  it('given --from naming the last deploy stage, when asked, then only what that stage deploys is planned as deployed', async () => {
    const deps = await requestDeps(releaseConfig(RUNBOOK));
    const ask = await validateRelease(args({ from: '3' }), 'U0ALICE', deps);
    const request = await createReleaseRequest(ask, 'U0ALICE', 'C0RELEASES', deps);
    const plan = request.payload as unknown as ReleaseRequestPayload;
    expect(plan.from).toBe(2);
    expect(plan.services.filter((s) => s.deployed).map((s) => s.service)).toEqual(['frontend']);
  });
});
