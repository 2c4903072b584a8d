import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { fitLines } from '../../blocks/fit-lines.js';
import { truncate } from '../../blocks/truncate.js';
import { truncateMrkdwn } from '../../blocks/truncate-mrkdwn.js';
import type { ServiceProblems } from './service-problems.js';
import { problemSummary, statusCounts } from './status-counts.js';

const STATUS_EMOJI = { fail: ':x:', error: ':grey_question:', warn: ':warning:' } as const;

/*
 * Bounds on one problem, so that a service name, one problem and the "…and N
 * more" line always fit in a 3,000-character section, however long a finding is.
 */
const SERVICE_NAME_MAX = 80;
const FINDING_MAX = 600;
const FIX_MAX = 400;

/**
 * One service's problems as section mrkdwn, kept within `budget` characters:
 *   *backend* · 2 failing, 1 warning
 *   :x: `k8s.probes` container backend has no readinessProbe
 *      ↳ _fix:_ add a readinessProbe …
 * Problems that do not fit are counted in a last line naming `fullReportCommand`.
 */
export function serviceSectionText(group: ServiceProblems, budget: number, fullReportCommand: string): string {
  const name = escapeMrkdwn(truncate(group.service, SERVICE_NAME_MAX));
  const head = `*${name}* · ${problemSummary(statusCounts(group.problems))}`;
  const lines = group.problems.map((check) => {
    const finding = truncateMrkdwn(escapeMrkdwn(check.finding || check.title), FINDING_MAX);
    const fix = check.fix ? `\n      ↳ _fix:_ ${truncateMrkdwn(escapeMrkdwn(check.fix), FIX_MAX)}` : '';
    return `${STATUS_EMOJI[check.status]} \`${escapeMrkdwn(check.id)}\` ${finding}${fix}`;
  });
  return fitLines(head, lines, budget, (left) => `…and ${left} more (run ${fullReportCommand} for all)`);
}
