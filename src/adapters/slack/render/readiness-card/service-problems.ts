import type { CheckResult } from '../../../../domain/readiness/report.js';

export type ProblemStatus = 'fail' | 'error' | 'warn';

const GRAVITY: Record<ProblemStatus, number> = { fail: 0, error: 1, warn: 2 };

export interface ServiceProblems {
  service: string;
  /** Failures first, then errors, then warnings; report order within each. */
  problems: (CheckResult & { status: ProblemStatus })[];
}

const isProblem = (check: CheckResult): check is CheckResult & { status: ProblemStatus } =>
  check.status === 'fail' || check.status === 'error' || check.status === 'warn';

/** The services that have problems, gravest first: those with failures, then errors, then only warnings. */
export function serviceProblems(checks: readonly CheckResult[]): ServiceProblems[] {
  const byService = new Map<string, ServiceProblems['problems']>();
  for (const check of checks.filter(isProblem)) {
    const list = byService.get(check.service) ?? [];
    list.push(check);
    byService.set(check.service, list);
  }
  const groups = [...byService].map(([service, problems]) => ({
    service,
    problems: problems.map((p, i) => ({ p, i })).sort((a, b) => GRAVITY[a.p.status] - GRAVITY[b.p.status] || a.i - b.i).map(({ p }) => p),
  }));
  const worst = (group: ServiceProblems) => GRAVITY[group.problems[0]!.status];
  return groups.sort(
    (a, b) => worst(a) - worst(b) || b.problems.length - a.problems.length || a.service.localeCompare(b.service),
  );
}

/** Services with checks but no problems, in report order. */
export function servicesWithoutProblems(checks: readonly CheckResult[]): string[] {
  const all = [...new Set(checks.map((c) => c.service))];
  const troubled = new Set(checks.filter(isProblem).map((c) => c.service));
  return all.filter((service) => !troubled.has(service));
}
