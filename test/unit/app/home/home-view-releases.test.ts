import { describe, expect, it } from 'vitest';
import { homeView } from '../../../../src/app/home/home-view.js';
import type { RequestBuildDeps } from '../../../../src/app/builds/request-build.js';
import type { ShipmateConfig } from '../../../../src/config/schema.js';
import type { StorePort, StoredAuditEntry } from '../../../../src/ports/store.port.js';
import { InMemoryRequestStore } from '../../approvals/in-memory-store.js';
import { at, deployStarted, deploySucceeded, release } from '../../digests/audit-history.js';

/** A store whose recentAudit answers as the real ones do: the newest `limit` entries, newest first. */
const storeWith = (entries: readonly StoredAuditEntry[]): StorePort =>
  Object.assign(new InMemoryRequestStore(), { recentAudit: async (limit: number) => [...entries].reverse().slice(0, limit) }) as StorePort;

function depsWith(entries: readonly StoredAuditEntry[]): RequestBuildDeps {
  const config = { environments: {}, policy: {} } as unknown as ShipmateConfig;
  const unusedPort = () => {
    throw new Error('no environment is configured: no port is asked for');
  };
  return {
    config,
    store: storeWith(entries),
    clock: { now: () => at('2026-12-01T12:00:00Z'), sleep: async () => {} },
    // no pending request to check approvers against
    directory: {} as RequestBuildDeps['directory'],
    portsFor: unusedPort,
  };
}

describe('homeView: releases', () => {
  it('lists each release once beside the deploys, whatever number of services it deployed, and its deploys not as deploys', async () => {
    // given a plain deploy, a release of two services rolled back, and one of one service that succeeded, in staging
    const audit = [
      deployStarted('2026-12-01T09:00:00Z', 'd1dddd', 'worker', 'production'),
      deploySucceeded('2026-12-01T09:05:00Z', 'd1dddd', 'worker', '1.4.0', 'production'),
      ...release('2026-12-01T10:00:00Z', 'r1aaaa', '1.5.0', 'production', ['backend', 'frontend'], 'rolled-back'),
      ...release('2026-12-01T11:00:00Z', 's1ssss', '1.6.0', 'staging', ['backend'], 'succeeded'),
    ].map((e, id) => ({ ...e, id }));

    // when
    const view = await homeView('U0ALICE', depsWith(audit));

    // then
    expect(view.recentReleases?.map((r) => [r.version, r.environment, r.outcome, r.requestedBy, r.at])).toEqual([
      ['1.5.0', 'production', 'rolled-back', 'U_CAROL', at('2026-12-01T10:00:00Z')],
      ['1.6.0', 'staging', 'succeeded', 'U_CAROL', at('2026-12-01T11:00:00Z')],
    ]);
    expect(new Set(view.recentDeploys.map((d) => d.service))).toEqual(new Set(['worker']));
  });

  it('has no releases when the audit holds none', async () => {
    // when
    const view = await homeView('U0ALICE', depsWith([]));

    // then
    expect(view.recentReleases).toEqual([]);
  });
});
