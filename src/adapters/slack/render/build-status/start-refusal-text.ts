import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { truncate } from '../../blocks/truncate.js';
import type { StartRefusalView } from './build-status-view.js';

const MESSAGE_MAX = 400;

/**
 * CodeBuild's refusal quoted, then what to do about it: which limit applied
 * and the command that raises it. An account quota of 0 (new accounts have
 * it) refuses every build until it is raised. Escaped as a whole, so the
 * commands in code spans stay copyable.
 */
export function startRefusalText(refusal: StartRefusalView, project: string): string {
  const message = truncate(refusal.message.replace(/\s+/g, ' ').trim(), MESSAGE_MAX);
  return `> ${escapeMrkdwn(message)}\n${escapeMrkdwn(advice(refusal, project))}`;
}

function advice(refusal: StartRefusalView, project: string): string {
  const region = refusal.region ? ` --region ${refusal.region}` : '';
  if (refusal.projectLimit !== undefined) {
    const limit = refusal.projectLimit;
    return (
      `Project ${project} allows ${limit} concurrent build${limit === 1 ? '' : 's'}: wait for the running one to finish, ` +
      `or raise its limit: \`aws codebuild update-project --name ${project} --concurrent-build-limit ${limit + 1}${region}\``
    );
  }
  if (refusal.quota) {
    const { name, code, value } = refusal.quota;
    const why =
      value === 0
        ? `The quota "${name}" (${code}) is 0 in this account, so every build is refused until it is raised.`
        : `All ${value} builds allowed by the quota "${name}" (${code}) are in use: wait for running builds to finish, or raise it.`;
    return (
      `${why} Request more: \`aws service-quotas request-service-quota-increase --service-code codebuild ` +
      `--quota-code ${code} --desired-value ${Math.max(value * 2, 10)}${region}\`, then run /build again.`
    );
  }
  if (/AccountLimitExceeded|builds in queue|concurrent/i.test(refusal.message)) {
    return (
      `A concurrent-build quota of the account applies: find the one for ${project}'s environment and compute type ` +
      `with \`aws service-quotas list-service-quotas --service-code codebuild${region}\`, then raise it with ` +
      `\`aws service-quotas request-service-quota-increase --service-code codebuild --quota-code <code> --desired-value <n>${region}\`.`
    );
  }
  return 'Fix the cause above, then run /build again.';
}
