import { describe, expect, it, vi } from 'vitest';
import { runDeploy } from '../../../src/app/deploys/run-deploy.js';
import { deployDeps, deployRequest, FakeRolloutCluster, InMemoryDeployStore } from './deploy-fakes.js';

/** A deploy of backend 1.1.0 to production rolled out to the end, in an environment with or without smoke tests. */
async function rolledOut(hasSmokeTests: boolean) {
  const store = new InMemoryDeployStore();
  const cluster = new FakeRolloutCluster();
  const request = deployRequest();
  await store.createRequest(request);
  const fakes = deployDeps(store, cluster);
  const asked: string[] = [];
  fakes.deps.hasSmokeTests = (environment) => {
    asked.push(environment);
    return hasSmokeTests;
  };
  const deploy = runDeploy(request, fakes.deps);
  await vi.waitFor(() => expect(cluster.opened.deployment).toBe(1), { timeout: 10_000 });
  cluster.rollOut();
  await deploy;
  return { ...fakes, asked, request };
}

describe('the line after a successful rollout', () => {
  it('given production has no smoke tests, when the rollout succeeds, then the thread says so and /verify is not run', async () => {
    // given / when
    const { sent, verified, asked } = await rolledOut(false);
    // then
    expect(asked).toEqual(['production']);
    expect(sent.progress.at(-1)).toBe(':white_check_mark: Rolled out. production has no smoke tests, so there is no /verify to run.');
    expect(sent.progress.join('\n')).not.toContain('Running /verify');
    expect(verified).toEqual([]);
  });

  it('given production has smoke tests, when the rollout succeeds, then the thread says /verify runs and it does', async () => {
    // given / when
    const { sent, verified, request } = await rolledOut(true);
    // then
    expect(sent.progress.at(-1)).toBe(':white_check_mark: Rolled out. Running /verify for production…');
    expect(verified).toEqual([request.id]);
  });
});
