import { describe, expect, it } from 'vitest';
import { BuildTracker } from '../../../src/domain/builds/build-tracker.js';
import { MAX_PAGES } from '../../../src/domain/builds/find-started-build.js';
import { createRuns } from '../../../src/domain/builds/start-builds.js';
import type { CodeBuildPort } from '../../../src/ports/codebuild.port.js';
import { approvedRequest, harness, PAYLOAD, type Harness } from './build-fixtures.js';
import { PagedCodeBuild } from './paged-codebuild.js';

const MINUTE = 60_000;
const RUNS = ['b7k2q9-backend', 'b7k2q9-frontend'];

/** A harness whose CodeBuild honours tokens for 5 minutes only; `answerLost` makes StartBuild happen but its answer never arrive. */
async function strictHarness() {
  const h = await harness();
  const codebuild = new PagedCodeBuild(h.clock);
  const wire = { answerLost: false };
  const port = {
    getBuilds: (ids: readonly string[]) => codebuild.getBuilds(ids),
    listBuildIds: (project: string, token?: string) => codebuild.listBuildIds(project, token),
    startBuild: async (input: Parameters<CodeBuildPort['startBuild']>[0]) => {
      const build = await codebuild.startBuild(input);
      if (wire.answerLost) throw new Error('socket hang up');
      return build;
    },
  } as unknown as CodeBuildPort;
  h.deps.codebuildFor = () => port;
  return { ...h, strict: codebuild, wire };
}

/** Approved, then the process dies while StartBuild's answers are on their way: the builds exist, their ids were never stored. */
async function diedAfterStartBuild(h: Harness & { wire: { answerLost: boolean } }) {
  const request = approvedRequest(h.clock);
  await h.store.createRequest(request);
  h.wire.answerLost = true;
  await expect(new BuildTracker(h.deps, { pollMs: 1000, minEditIntervalMs: 3000 }).begin(request, PAYLOAD)).rejects.toThrow('socket hang up');
  h.wire.answerLost = false;
  return request;
}

const restartedTracker = (h: Harness) => new BuildTracker(h.deps, { pollMs: 1000, minEditIntervalMs: 3000 });

describe('a start resumed after a restart starts each build exactly once', () => {
  it('more than 5 minutes later (the token forgotten): finds the builds by their run id and follows them, starting none', async () => {
    // given
    const h = await strictHarness();
    await diedAfterStartBuild(h);
    expect(h.strict.builds).toHaveLength(2);
    expect((await h.store.listActiveRuns()).map((r) => [r.status, r.externalId])).toEqual([
      ['starting', undefined],
      ['starting', undefined],
    ]);
    // when: a new process looks 6 minutes later
    h.clock.advance(6 * MINUTE);
    await restartedTracker(h).tick();
    // then
    expect(h.strict.calls.startBuild).toBe(2);
    expect(RUNS.map((id) => h.strict.startedFor(id).length)).toEqual([1, 1]);
    const runs = await h.store.listActiveRuns();
    expect(runs.map((r) => [r.id, r.status, r.externalId])).toEqual(RUNS.map((id) => [id, 'running', h.strict.startedFor(id)[0]!.id]));
    const started = (await h.store.recentAudit(10)).filter((a) => a.action === 'build.started');
    expect(started.map((a) => a.detail)).toEqual(RUNS.map(() => expect.stringContaining('found by its run id')));
  });

  it('the strict CodeBuild would have started second builds had the token been trusted after 5 minutes', async () => {
    // given
    const h = await strictHarness();
    await diedAfterStartBuild(h);
    h.clock.advance(6 * MINUTE);
    // when: StartBuild with the same tokens, as the previous version of shipmate did
    for (const service of ['backend', 'frontend']) {
      await h.strict.startBuild({ projectName: `${service}-build`, sourceVersion: 'refs/tags/v1.1.0', environmentVariables: { VERSION: '1.1.0' }, idempotencyToken: `b7k2q9-${service}`, runId: `b7k2q9-${service}` });
    }
    // then
    expect(RUNS.map((id) => h.strict.startedFor(id).length)).toEqual([2, 2]);
  });

  it('within the token window: repeats StartBuild with the same token (the same builds come back) and lists nothing', async () => {
    // given
    const h = await strictHarness();
    await diedAfterStartBuild(h);
    // when: a new process looks 1 minute later
    h.clock.advance(MINUTE);
    await restartedTracker(h).tick();
    // then
    expect(h.strict.calls.startBuild).toBe(4);
    expect(h.strict.calls.listBuildIds).toBe(0);
    expect(RUNS.map((id) => h.strict.startedFor(id).length)).toEqual([1, 1]);
    expect((await h.store.listActiveRuns()).map((r) => r.status)).toEqual(['running', 'running']);
  });

  it('more than 5 minutes later when no build was started (it died before StartBuild): starts each once', async () => {
    // given: runs stored, StartBuild never sent
    const h = await strictHarness();
    const request = approvedRequest(h.clock);
    await h.store.createRequest(request);
    await createRuns(request, PAYLOAD, { channelId: request.channelId, messageTs: '1700000000.000300' }, h.deps);
    // when
    h.clock.advance(6 * MINUTE);
    await restartedTracker(h).tick();
    // then
    expect(h.strict.calls.listBuildIds).toBe(2);
    expect(RUNS.map((id) => h.strict.startedFor(id).length)).toEqual([1, 1]);
    expect((await h.store.listActiveRuns()).map((r) => r.status)).toEqual(['running', 'running']);
  });

  it('past policy.startWithinMinutes, with no build found by its run id: starts none and says it did not start', async () => {
    // given: runs stored, StartBuild never sent, the bot back 20 minutes later with a 15-minute start deadline
    const h = await strictHarness();
    h.deps.startWithinMs = 15 * MINUTE;
    const request = approvedRequest(h.clock);
    await h.store.createRequest(request);
    await createRuns(request, PAYLOAD, { channelId: request.channelId, messageTs: '1700000000.000300' }, h.deps);
    // when
    h.clock.advance(20 * MINUTE);
    await restartedTracker(h).tick();
    // then
    expect(RUNS.map((id) => h.strict.startedFor(id).length)).toEqual([0, 0]);
    const audit = await h.store.recentAudit(10);
    expect(audit.filter((e) => e.action === 'build.refused').map((e) => e.detail)).toEqual(
      Array.from({ length: 4 }, () => expect.stringMatching(/Not started: approved at 2026-11-22 10:00 UTC and not started in time/)),
    );
    expect(audit.filter((e) => e.action === 'build.started')).toEqual([]);
  });

  it(`says it did not start when over ${MAX_PAGES * 100} newer builds hide whether it did, and starts nothing`, async () => {
    // given: the builds were started, then the projects got very busy
    const h = await strictHarness();
    await diedAfterStartBuild(h);
    h.clock.advance(6 * MINUTE);
    for (const project of ['backend-build', 'frontend-build']) h.strict.addOthers(project, MAX_PAGES * 100, new Date(h.clock.ms - MINUTE), 100);
    // when
    await restartedTracker(h).tick();
    // then
    expect(h.strict.calls.startBuild).toBe(2);
    const shown = h.shows.at(-1)!.progress;
    expect(shown.done).toBe(true);
    expect(shown.services.map((s) => [s.state, s.refusal?.message])).toEqual(
      ['backend-build', 'frontend-build'].map((project) => ['refused', expect.stringContaining(`not among the ${MAX_PAGES * 100} newest builds of ${project}`)]),
    );
    expect(await h.store.listActiveRuns()).toEqual([]);
  });
});
