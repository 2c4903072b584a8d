import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepApproved } from '../../../src/app/approved-sweep.js';
import { SqliteStore } from '../../../src/adapters/store/sqlite-store.js';
import type { ApprovalRequest } from '../../../src/ports/store.port.js';
import { deployRequest } from '../deploys/deploy-fakes.js';

const NOW = new Date('2025-03-04T10:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

let store: SqliteStore;
beforeEach(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
});
afterEach(() => store.close());

function sweep(begun: string[], told: string[], since?: Date) {
  return sweepApproved({
    ...(since ? { since } : {}),
    store,
    clock: { now: () => NOW, sleep: async () => undefined },
    startWithinMs: 15 * 60_000,
    begin: async (request) => void begun.push(request.id),
    tellNotStarted: async (request, reason) => void told.push(`${request.id}: ${reason}`),
    log: () => undefined,
  });
}

async function approvedWithoutRun(id: string, decidedAt: Date, action: 'deploy' | 'build' = 'deploy'): Promise<ApprovalRequest> {
  const base = deployRequest(id);
  const request: ApprovalRequest =
    action === 'deploy'
      ? { ...base, decidedAt }
      : { ...base, action: 'build', decidedAt, payload: { version: '1.1.0', services: [{ service: 'backend', project: 'shop-backend', sourceVersion: 'refs/tags/v1.1.0', repository: 'shop/backend', tag: '1.1.0', platform: 'linux/amd64' }] } };
  await store.createRequest(request);
  return request;
}

describe('sweepApproved', () => {
  it('starts an approved request that has no run yet, with its runs stored first, and only once', async () => {
    // given
    await approvedWithoutRun('fresh1', minutesAgo(2));
    await approvedWithoutRun('build1', minutesAgo(5), 'build');
    const begun: string[] = [];
    const told: string[] = [];
    // when
    const first = await sweep(begun, told);
    const second = await sweep(begun, told);
    // then
    expect(first).toEqual({ started: 2, notStarted: 0 });
    expect(second).toEqual({ started: 0, notStarted: 0 });
    expect(begun.sort()).toEqual(['build1', 'fresh1']);
    expect((await store.runsOfRequest('fresh1')).map((r) => r.status)).toEqual(['starting']);
    expect((await store.runsOfRequest('build1')).map((r) => [r.id, r.status])).toEqual([['build1-backend', 'starting']]);
    expect(told).toEqual([]);
  });

  it('records one approved too long ago as not started, tells its thread once, and never starts it', async () => {
    // given
    await approvedWithoutRun('stale1', minutesAgo(45));
    const begun: string[] = [];
    const told: string[] = [];
    // when
    await sweep(begun, told);
    await sweep(begun, told);
    // then
    expect(begun).toEqual([]);
    expect(told).toEqual([expect.stringMatching(/^stale1: it was approved at 2025-03-04 09:15 UTC but never started/)]);
    expect((await store.runsOfRequest('stale1')).map((r) => r.status)).toEqual(['not-started']);
    expect(await store.listActiveRuns()).toEqual([]);
    expect((await store.recentAudit(5)).map((e) => e.action)).toEqual(['deploy.not-started']);
  });

  it('the periodic look, given a since, leaves older approvals alone (the election sweep covers them)', async () => {
    // given
    await approvedWithoutRun('recent1', minutesAgo(5));
    await approvedWithoutRun('stale2', minutesAgo(45));
    const begun: string[] = [];
    const told: string[] = [];
    // when
    const counts = await sweep(begun, told, minutesAgo(30));
    // then
    expect(counts).toEqual({ started: 1, notStarted: 0 });
    expect(begun).toEqual(['recent1']);
    expect(await store.runsOfRequest('stale2')).toEqual([]);
  });
});
