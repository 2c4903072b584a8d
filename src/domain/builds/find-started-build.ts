import type { BuildSummary, CodeBuildPort } from '../../ports/codebuild.port.js';

/** How many pages of ListBuildsForProject (100 ids each) a search reads at most. */
export const MAX_PAGES = 10;
/** Build start times are CodeBuild's clock, the run's is ours: look this far before the run to allow for a difference. */
const CLOCK_MARGIN_MS = 15 * 60_000;

export type StartedBuildSearch =
  | { kind: 'found'; build: BuildSummary }
  | { kind: 'none' }
  /** MAX_PAGES pages of builds, all newer than the run, none of them its build: whether it was started is unknown. */
  | { kind: 'unsure'; looked: number };

/**
 * The build of `projectName` started for `runId`, if there is one: pages of
 * the project's builds, newest first, until its build is found, the builds
 * are older than the run (`runStartedAt`), or MAX_PAGES were read.
 */
export async function findStartedBuild(codebuild: CodeBuildPort, projectName: string, runId: string, runStartedAt: Date): Promise<StartedBuildSearch> {
  const olderThanRun = runStartedAt.getTime() - CLOCK_MARGIN_MS;
  let nextToken: string | undefined;
  let looked = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const ids = await codebuild.listBuildIds(projectName, nextToken);
    if (ids.ids.length === 0) return { kind: 'none' };
    const builds = await codebuild.getBuilds(ids.ids);
    looked += ids.ids.length;
    const build = builds.find((b) => b.runId === runId);
    if (build) return { kind: 'found', build };
    const reachedOlder = builds.some((b) => b.startTime !== undefined && b.startTime.getTime() < olderThanRun);
    if (reachedOlder || !ids.nextToken) return { kind: 'none' };
    nextToken = ids.nextToken;
  }
  return { kind: 'unsure', looked };
}
