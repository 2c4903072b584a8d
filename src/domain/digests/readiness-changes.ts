import type { ReadinessReport } from '../readiness/report.js';

/** "service check-id" of every check that fails now (errors and warnings are not failures), sorted and unique. */
export function failingKeys(report: ReadinessReport): string[] {
  return [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.service} ${c.id}`))].sort();
}

export interface FailingChanges {
  startedFailing: string[];
  stoppedFailing: string[];
}

/** Without a previous list (first digest) nothing has started or stopped. */
export function failingChanges(now: readonly string[], previous: readonly string[] | undefined): FailingChanges {
  if (!previous) return { startedFailing: [], stoppedFailing: [] };
  const before = new Set(previous);
  const after = new Set(now);
  return {
    startedFailing: [...after].filter((k) => !before.has(k)).sort(),
    stoppedFailing: [...before].filter((k) => !after.has(k)).sort(),
  };
}
