import { describe, expect, it } from 'vitest';
import { BuildTracker } from '../../../src/domain/builds/build-tracker.js';
import { startBuilds } from '../../../src/domain/builds/start-builds.js';
import { PortError } from '../../../src/ports/port-error.js';
import { approvedRequest, harness, PAYLOAD, type Harness } from './build-fixtures.js';

const PHASES = ['QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING'];

async function approveAndStart(h: Harness) {
  const request = approvedRequest(h.clock);
  await h.store.createRequest(request);
  const runs = await startBuilds(request, PAYLOAD, { channelId: request.channelId }, h.deps);
  const tracker = new BuildTracker(h.deps, { pollMs: 1000, minEditIntervalMs: 3000 });
  return { request, runs, tracker };
}

describe('startBuilds', () => {
  it('starts one build per service with the source version, VERSION override and the run id as idempotency token and run id', async () => {
    // given
    const h = await harness();
    // when
    const { runs } = await approveAndStart(h);
    // then
    expect(h.codebuild.started).toEqual([
      { projectName: 'backend-build', sourceVersion: 'refs/tags/v1.1.0', environmentVariables: { VERSION: '1.1.0' }, idempotencyToken: 'b7k2q9-backend', runId: 'b7k2q9-backend' },
      { projectName: 'frontend-build', sourceVersion: 'refs/tags/v1.1.0', environmentVariables: { VERSION: '1.1.0' }, idempotencyToken: 'b7k2q9-frontend', runId: 'b7k2q9-frontend' },
    ]);
    expect(runs.map((r) => [r.id, r.status, r.externalId])).toEqual([
      ['b7k2q9-backend', 'running', 'backend-build:b7k2q9-backend'],
      ['b7k2q9-frontend', 'running', 'frontend-build:b7k2q9-frontend'],
    ]);
    expect((await h.store.recentAudit(10)).map((a) => a.action)).toEqual(['build.started', 'build.started']);
  });

  it('starts nothing new when called again for the same request (a resume after a crash)', async () => {
    const h = await harness();
    const { request } = await approveAndStart(h);
    await startBuilds(request, PAYLOAD, { channelId: request.channelId }, h.deps);
    expect(h.codebuild.started).toHaveLength(2);
  });

  it('explains a start refused by a concurrency limit, naming the quota', async () => {
    // given
    const h = await harness();
    h.codebuild.refuseWith = new PortError('limit_exceeded', 'CodeBuild StartBuild: AccountLimitExceededException: Cannot have more than 0 builds in queue for the account');
    // when
    const { tracker } = await approveAndStart(h);
    await tracker.tick();
    // then
    const last = h.shows.at(-1)!.progress;
    expect(last.done).toBe(true);
    expect(last.services[0]).toMatchObject({
      state: 'refused',
      refusal: { message: expect.stringContaining('AccountLimitExceededException'), quota: { code: 'L-ACCF6C0D', value: 0 } },
    });
    expect(await h.store.listActiveRuns()).toEqual([]);
    expect((await h.store.recentAudit(10)).map((a) => a.action)).toContain('build.refused');
  });
});

describe('BuildTracker', () => {
  it('edits the status message at most once per phase change and at most once per 3 s, then closes the runs', async () => {
    // given: builds that change phase every second
    const h = await harness();
    const { tracker } = await approveAndStart(h);
    // when
    for (const phase of PHASES) {
      h.codebuild.move('backend-build', { currentPhase: phase });
      h.codebuild.move('frontend-build', { currentPhase: phase });
      await tracker.tick();
      h.clock.advance(1000);
    }
    h.codebuild.move('backend-build', { status: 'SUCCEEDED', currentPhase: 'COMPLETED', endTime: h.clock.now() });
    h.codebuild.move('frontend-build', { status: 'SUCCEEDED', currentPhase: 'COMPLETED', endTime: h.clock.now() });
    for (let i = 0; i < 5 && h.finished.length === 0; i++) {
      await tracker.tick();
      h.clock.advance(1000);
    }
    // then
    const gaps = h.shows.slice(1).map((s, i) => s.at - h.shows[i]!.at);
    expect(gaps.every((g) => g >= 3000)).toBe(true);
    expect(h.shows.length).toBeLessThan(PHASES.length);
    expect(h.finished).toHaveLength(1);
    expect(h.finished[0]!.services.map((s) => [s.state, s.image?.landed])).toEqual([
      ['succeeded', true],
      ['succeeded', true],
    ]);
    expect(await h.store.listActiveRuns()).toEqual([]);
    expect(h.codebuild.batchCalls).toBeGreaterThan(0);
  });

  it('asks CodeBuild about every build of the environment in one call per pass', async () => {
    const h = await harness();
    const { tracker } = await approveAndStart(h);
    await tracker.tick();
    await tracker.tick();
    expect(h.codebuild.batchCalls).toBe(2);
  });

  it('reports a failed build with its failing phase and CodeBuild message', async () => {
    const h = await harness();
    const { tracker } = await approveAndStart(h);
    h.codebuild.move('backend-build', { status: 'FAILED', currentPhase: 'COMPLETED', failedPhase: 'BUILD', failureMessage: 'COMMAND_EXECUTION_ERROR: exit status 1' });
    h.codebuild.move('frontend-build', { status: 'SUCCEEDED', currentPhase: 'COMPLETED' });
    await tracker.tick();
    const backend = h.finished[0]!.services.find((s) => s.service === 'backend')!;
    expect(backend).toMatchObject({ state: 'failed', failedPhase: 'BUILD', failureMessage: 'COMMAND_EXECUTION_ERROR: exit status 1' });
    const audit = (await h.store.recentAudit(10)).find((a) => a.action === 'build.failed');
    expect(audit?.detail).toContain('failed in BUILD');
  });

  it('a new tracker (after a restart) picks up the runs the old one left and reports them', async () => {
    // given: a tracker that saw the builds start, then the process died
    const h = await harness();
    const { tracker } = await approveAndStart(h);
    await tracker.tick();
    // when: a fresh tracker on the same store
    h.codebuild.move('backend-build', { status: 'SUCCEEDED', currentPhase: 'COMPLETED' });
    h.codebuild.move('frontend-build', { status: 'STOPPED', currentPhase: 'BUILD' });
    h.clock.advance(1000);
    const restarted = new BuildTracker(h.deps, { pollMs: 1000, minEditIntervalMs: 3000 });
    await restarted.tick();
    // then: it edits the same message with the outcome
    expect(h.finished[0]!.services.map((s) => s.state)).toEqual(['succeeded', 'stopped']);
    expect((await h.store.runsOfRequest('b7k2q9')).map((r) => [r.status, r.messageTs])).toEqual([
      ['succeeded', '1700000000.000200'],
      ['stopped', '1700000000.000200'],
    ]);
  });

  it('starts runs a dead process created but never started, once they are clearly abandoned', async () => {
    // given: runs stored as starting, no build started (the process died right after creating them)
    const h = await harness();
    const request = approvedRequest(h.clock);
    await h.store.createRequest(request);
    const { createRuns } = await import('../../../src/domain/builds/start-builds.js');
    await createRuns(request, PAYLOAD, { channelId: request.channelId, messageTs: '1700000000.000300' }, h.deps);
    const tracker = new BuildTracker(h.deps, { pollMs: 1000, minEditIntervalMs: 3000 });
    // when: looked at at once, then after 30 s
    await tracker.tick();
    const startedAtOnce = h.codebuild.started.length;
    h.clock.advance(30_000);
    await tracker.tick();
    // then: left alone while another replica might still be starting them, started afterwards
    expect(startedAtOnce).toBe(0);
    expect(h.codebuild.started.map((s) => s.idempotencyToken)).toEqual(['b7k2q9-backend', 'b7k2q9-frontend']);
  });
});
