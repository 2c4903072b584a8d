import { describe, expect, it } from 'vitest';
import { findStartedBuild, MAX_PAGES } from '../../../src/domain/builds/find-started-build.js';
import type { CodeBuildPort } from '../../../src/ports/codebuild.port.js';
import { ManualClock } from './build-fixtures.js';
import { PagedCodeBuild } from './paged-codebuild.js';

const PROJECT = 'backend-build';
const RUN = 'b7k2q9-backend';

function codebuildAt(clock: ManualClock) {
  const codebuild = new PagedCodeBuild(clock);
  return { codebuild, port: codebuild as unknown as CodeBuildPort };
}

describe('findStartedBuild: the build a run was started with, by the run id it carries', () => {
  it('finds it among the newest builds with one list and one BatchGetBuilds', async () => {
    // given: the run's build, then 30 other builds after it
    const clock = new ManualClock();
    const { codebuild, port } = codebuildAt(clock);
    const runStartedAt = clock.now();
    codebuild.add({ id: `${PROJECT}:mine`, projectName: PROJECT, status: 'IN_PROGRESS', startTime: runStartedAt, runId: RUN });
    codebuild.addOthers(PROJECT, 30, new Date(runStartedAt.getTime() + 31 * 60_000));
    // when
    const search = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    // then
    expect(search).toMatchObject({ kind: 'found', build: { id: `${PROJECT}:mine`, runId: RUN } });
    expect(codebuild.calls).toMatchObject({ listBuildIds: 1, getBuilds: 1 });
  });

  it('finds it three pages down (250 builds started after it)', async () => {
    // given
    const clock = new ManualClock();
    const { codebuild, port } = codebuildAt(clock);
    const runStartedAt = clock.now();
    codebuild.addOthers(PROJECT, 40, new Date(runStartedAt.getTime() - 60_000));
    codebuild.add({ id: `${PROJECT}:mine`, projectName: PROJECT, status: 'SUCCEEDED', startTime: runStartedAt, runId: RUN });
    codebuild.addOthers(PROJECT, 250, new Date(runStartedAt.getTime() + 251 * 60_000));
    // when
    const search = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    // then
    expect(search).toMatchObject({ kind: 'found', build: { id: `${PROJECT}:mine` } });
    expect(codebuild.calls).toMatchObject({ listBuildIds: 3, getBuilds: 3 });
  });

  it('answers none once the builds listed are older than the run, without reading further pages', async () => {
    // given: 500 builds, all started an hour or more before the run; another run's build among them
    const clock = new ManualClock();
    const { codebuild, port } = codebuildAt(clock);
    const runStartedAt = clock.now();
    codebuild.addOthers(PROJECT, 500, new Date(runStartedAt.getTime() - 60 * 60_000));
    codebuild.add({ id: `${PROJECT}:another-run`, projectName: PROJECT, status: 'SUCCEEDED', startTime: new Date(runStartedAt.getTime() - 59 * 60_000), runId: 'other-request-backend' });
    // when
    const search = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    // then
    expect(search).toEqual({ kind: 'none' });
    expect(codebuild.calls).toMatchObject({ listBuildIds: 1, getBuilds: 1 });
  });

  it('answers none for a project with no builds, and after its last page', async () => {
    // given
    const clock = new ManualClock();
    const { codebuild, port } = codebuildAt(clock);
    const runStartedAt = clock.now();
    // when
    const empty = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    codebuild.addOthers(PROJECT, 150, new Date(runStartedAt.getTime() + 151 * 60_000));
    const twoPages = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    // then
    expect(empty).toEqual({ kind: 'none' });
    expect(twoPages).toEqual({ kind: 'none' });
    expect(codebuild.calls.listBuildIds).toBe(1 + 2);
  });

  it(`stops after ${MAX_PAGES} pages of builds newer than the run and says it cannot tell`, async () => {
    // given: more builds since the run than a search reads
    const clock = new ManualClock();
    const { codebuild, port } = codebuildAt(clock);
    const runStartedAt = clock.now();
    codebuild.add({ id: `${PROJECT}:mine`, projectName: PROJECT, status: 'SUCCEEDED', startTime: runStartedAt, runId: RUN });
    codebuild.addOthers(PROJECT, MAX_PAGES * 100 + 5, new Date(runStartedAt.getTime() + (MAX_PAGES * 100 + 6) * 60_000));
    // when
    const search = await findStartedBuild(port, PROJECT, RUN, runStartedAt);
    // then
    expect(search).toEqual({ kind: 'unsure', looked: MAX_PAGES * 100 });
    expect(codebuild.calls.listBuildIds).toBe(MAX_PAGES);
  });
});
