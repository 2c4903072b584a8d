import type { BuildSummary, CodeBuildProject } from '../../../ports/codebuild.port.js';
import type { ServiceQuota } from '../../../ports/quotas.port.js';
import { fail, pass, warn, type Check } from '../check.js';
import { findConcurrencyQuota } from './find-concurrency-quota.js';
import { findProject } from './find-project.js';
import { quotaEnvironment } from './quota-environment.js';

export const quotaCheck: Check = {
  id: 'codebuild.quota',
  title: 'Concurrent-build quota',
  severity: 'fail',
  run: async (context) => {
    const { project, skipped } = await findProject(context);
    if (skipped) return skipped;
    const [quotas, running] = await Promise.all([context.facts.codebuildQuotas(), context.facts.buildsInProgress()]);
    const environment = quotaEnvironment(project.environmentType, project.computeType);
    const label = `${environment.platform}/${environment.size}`;
    const quota = findConcurrencyQuota(quotas, environment);

    if (quota?.value === 0) {
      return fail(
        `quota "${quota.name}" (${quota.code}) is 0: every build of ${project.name} fails with \`AccountLimitExceededException: Cannot have more than 0 builds in queue\``,
        increaseCommand(quota),
      );
    }

    const limit = project.concurrentBuildLimit ?? Infinity;
    const ownRunning = running.filter((build) => build.projectName === project.name);
    if (ownRunning.length >= limit) {
      return fail(
        `project ${project.name} allows ${limit} concurrent build${plural(limit)} and ${ownRunning.length} ${isAre(ownRunning.length)} running (${ownRunning.map((b) => b.id).join(', ')}): a new build is refused`,
        `wait for the running build to finish, or raise the limit: \`aws codebuild update-project --name ${project.name} --concurrent-build-limit ${limit + 1}\``,
      );
    }

    if (!quota) {
      return warn(
        `no concurrent-build quota for ${label} among the ${quotas.length} CodeBuild quotas the account lists: cannot tell whether ${project.name} can start builds`,
        `look for "Concurrently running builds for ${label} environment" in \`aws service-quotas list-aws-default-service-quotas --service-code codebuild\` and request a value above 0 if it is missing`,
      );
    }

    const accountWide = !/\//.test(quota.name);
    const sharing = accountWide ? running : running.filter((build) => runsOn(build, project));
    const scope = accountWide ? 'account-wide' : label;
    if (sharing.length >= quota.value) {
      return fail(
        `${scope} quota ${quota.value} is used up: ${sharing.length} build${plural(sharing.length)} running, a new build of ${project.name} waits in the queue`,
        `wait for running builds to finish, or ${increaseCommand(quota)}`,
      );
    }

    const limitNote = limit < quota.value ? `; project limit ${limit} is below it, ${limit - ownRunning.length} of its own free` : '';
    return pass(`${scope} quota ${quota.value}, ${sharing.length} running: ${quota.value - sharing.length} free${limitNote}`);
  },
};

/** Builds compete for the quota of their own environment and compute type; a build that does not say uses its project's. */
function runsOn(build: BuildSummary, project: CodeBuildProject): boolean {
  const ownProject = build.projectName === project.name;
  const environmentType = build.environmentType ?? (ownProject ? project.environmentType : undefined);
  const computeType = build.computeType ?? (ownProject ? project.computeType : undefined);
  return environmentType === project.environmentType && computeType === project.computeType;
}

function increaseCommand(quota: ServiceQuota): string {
  const desired = Math.max(quota.value * 2, 10);
  return `request more "${quota.name}": \`aws service-quotas request-service-quota-increase --service-code codebuild --quota-code ${quota.code} --desired-value ${desired}\``;
}

const plural = (n: number): string => (n === 1 ? '' : 's');
const isAre = (n: number): string => (n === 1 ? 'is' : 'are');
