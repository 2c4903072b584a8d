import type { BuildSummary } from '../../../ports/codebuild.port.js';
import { fail, pass, skip, type Check } from '../check.js';
import { findProject } from './find-project.js';
import { formatUtc } from './format-utc.js';

export const lastBuildCheck: Check = {
  id: 'codebuild.last-build',
  title: 'Last build status',
  severity: 'warn',
  run: async (context) => {
    const { project, skipped } = await findProject(context);
    if (skipped) return skipped;
    const build = await context.facts.lastBuild();
    if (!build) return skip(`${project.name} has no builds yet`);
    const what = `build ${build.id}${build.sourceVersion ? ` of ${build.sourceVersion}` : ''}`;
    switch (build.status) {
      case 'SUCCEEDED':
        return pass(`last ${what} succeeded${at(build.endTime ?? build.startTime)}`);
      case 'IN_PROGRESS':
        return pass(`${what} in progress${build.currentPhase ? ` (phase ${build.currentPhase})` : ''}, started${at(build.startTime)}`);
      default:
        return fail(`last ${what} ${build.status}${failedPhase(build)}${at(build.endTime ?? build.startTime)}`, fixFor(build));
    }
  },
};

function at(date: Date | undefined): string {
  return date ? ` at ${formatUtc(date)}` : '';
}

/** A finished build's currentPhase is COMPLETED; any other phase is where it stopped. */
function failedPhase(build: BuildSummary): string {
  return build.currentPhase && build.currentPhase !== 'COMPLETED' ? ` in phase ${build.currentPhase}` : '';
}

function fixFor(build: BuildSummary): string {
  const logs = build.logsUrl ? `read the logs at ${build.logsUrl}` : `read its logs (\`aws codebuild batch-get-builds --ids ${build.id}\` names the log stream)`;
  return `${logs}, fix the cause and run /build again`;
}
