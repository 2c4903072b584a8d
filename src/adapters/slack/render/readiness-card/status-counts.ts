import type { CheckStatus } from '../../../../domain/checks/check.js';
import type { CheckResult } from '../../../../domain/readiness/report.js';

export type StatusCounts = Record<CheckStatus, number>;

export function statusCounts(checks: readonly CheckResult[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  return counts;
}

/** "3 failing, 1 warning, 2 errors": only the statuses that occur, in order of gravity. */
export function problemSummary(counts: StatusCounts): string {
  const parts = [
    counts.fail > 0 ? `${counts.fail} failing` : '',
    counts.warn > 0 ? `${counts.warn} warning${counts.warn === 1 ? '' : 's'}` : '',
    counts.error > 0 ? `${counts.error} error${counts.error === 1 ? '' : 's'}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}
