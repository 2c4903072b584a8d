import { describe, expect, it } from 'vitest';
import { cancelBuild } from '../../../src/app/builds/cancel-build.js';
import type { BuildFlowDeps } from '../../../src/app/decide-on-request.js';
import { lockService, unlockService } from '../../../src/app/deploys/locks.js';
import { requireMayVerify } from '../../../src/app/verify/may-verify.js';
import { newRequest } from '../../../src/domain/approvals/new-request.js';
import { UsageError } from '../../../src/usage-error.js';
import { exampleConfig, policyDeps, type PolicyDeps } from './policy-fixtures.js';

/** Production: only @release-managers (U0BOB, U0CAROL) may request deploys, so only they may lock, cancel and verify there. */
const RESTRICTED = (doc: Record<string, any>) => {
  doc.policy.deploy.production = { requesters: ['@release-managers'], approvers: ['@release-managers'], approvals: 1 };
};

async function refusalOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

function flowDeps(deps: PolicyDeps): BuildFlowDeps {
  const never = () => {
    throw new Error('nothing may start');
  };
  return { ...deps, builds: { codebuildFor: never } as never, beginBuilds: never, beginDeploy: never, pokeTracker: () => undefined };
}

async function storedDeploy(deps: PolicyDeps, status: 'pending' | 'approved', requestedBy = 'U0BOB') {
  const request = newRequest({
    id: 'd4p1oy',
    action: 'deploy',
    environment: 'production',
    requestedBy,
    payload: { service: 'backend', version: '1.1.0', override: false, card: { title: 'Deploy backend 1.1.0 to production' } },
    channelId: 'C0RELEASES',
    rule: { approvals: 1, selfApproval: false },
    now: deps.clock.now(),
    ttlMinutes: 30,
  });
  await deps.store.createRequest({ ...request, status });
  return request;
}

describe('/shipmate lock and unlock under the lock policy', () => {
  it('refuses a lock by someone who may not request deploys there, and stores nothing', async () => {
    // given
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    // when
    const refusal = await refusalOf(lockService(['backend', 'production', 'hold', 'on'], 'U0ALICE', deps));
    // then
    expect(refusal).toBe('you may not lock backend in production: only @release-managers may lock and unlock deploys in production');
    expect(await deps.store.getLock('backend', 'production')).toBeUndefined();
    expect(await deps.store.recentAudit(10)).toEqual([]);
  });

  it('lets a deploy requester lock, and an explicit lock rule replace the default', async () => {
    // given
    const deps = await policyDeps(exampleConfig((doc) => (RESTRICTED(doc), (doc.policy.lock = { production: { requesters: ['U0ALICE'] } }))));
    // when
    const lock = await lockService(['backend', 'production', 'db', 'migration'], 'U0ALICE', deps);
    const bob = await refusalOf(lockService(['frontend', 'production', 'mine'], 'U0BOB', deps));
    // then
    expect(lock).toMatchObject({ holder: 'U0ALICE', reason: 'db migration' });
    expect(bob).toBe('you may not lock frontend in production: only @U0ALICE may lock and unlock deploys in production');
  });

  it('lets the holder unlock, and refuses anyone else the lock policy does not allow', async () => {
    // given: alice holds a lock in production although she may no longer lock there (the policy changed)
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    await deps.store.acquireLock({ service: 'backend', environment: 'production', holder: 'U0ALICE', reason: 'mine', at: deps.clock.now() });
    await deps.store.acquireLock({ service: 'frontend', environment: 'production', holder: 'U0CAROL', reason: 'hers', at: deps.clock.now() });
    // when
    const own = await unlockService(['backend', 'production'], 'U0ALICE', deps);
    const refusal = await refusalOf(unlockService(['frontend', 'production'], 'U0ALICE', deps));
    // then
    expect(own.holder).toBe('U0ALICE');
    expect(refusal).toBe('only the holder may unlock it, or whoever may lock and unlock deploys: only @release-managers may lock and unlock deploys in production');
    expect(await deps.store.getLock('frontend', 'production')).toMatchObject({ holder: 'U0CAROL' });
  });
});

describe('/shipmate cancel under the cancel policy', () => {
  it('refuses to cancel a pending deploy for someone neither its requester nor allowed, and leaves it pending', async () => {
    // given
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    await storedDeploy(deps, 'pending');
    // when
    const refusal = await refusalOf(cancelBuild('d4p1oy', 'U0ALICE', flowDeps(deps)));
    // then
    expect(refusal).toBe('you may not cancel d4p1oy: only whoever asked for it or @release-managers may cancel deploys in production');
    expect((await deps.store.getRequest('d4p1oy'))?.status).toBe('pending');
  });

  it('cancels a pending deploy for someone the cancel policy allows', async () => {
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    await storedDeploy(deps, 'pending');
    const result = await cancelBuild('d4p1oy', 'U0CAROL', flowDeps(deps));
    expect(result.kind === 'request' && result.decision.ok).toBe(true);
    expect((await deps.store.getRequest('d4p1oy'))?.status).toBe('cancelled');
  });

  it('does not stop a running rollout from chat, and says how to lock or roll back instead', async () => {
    // given: an approved deploy whose run is rolling out
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    const request = await storedDeploy(deps, 'approved');
    await deps.store.createRun({ id: `${request.id}-backend`, requestId: request.id, kind: 'deploy', environment: 'production', service: 'backend', status: 'running', startedAt: deps.clock.now(), channelId: 'C0RELEASES', detail: {}, version: 1 });
    // when
    const refusal = await refusalOf(cancelBuild('d4p1oy', 'U0BOB', flowDeps(deps)));
    // then
    expect(refusal).toContain('deploy d4p1oy is already rolling out, and a running rollout is not cancelled from chat');
    expect(refusal).toContain('/shipmate lock backend production <reason>');
  });
});

describe('/verify under the verify policy', () => {
  it('refuses someone who may not request deploys there, lets those who may', async () => {
    const deps = await policyDeps(exampleConfig(RESTRICTED));
    expect(await refusalOf(requireMayVerify('U0ALICE', 'production', deps))).toBe(
      'you may not run the smoke tests of production: only @release-managers may run the smoke tests in production',
    );
    await expect(requireMayVerify('U0CAROL', 'production', deps)).resolves.toBeUndefined();
    await expect(requireMayVerify('U0ALICE', 'staging', deps)).resolves.toBeUndefined();
  });
});
