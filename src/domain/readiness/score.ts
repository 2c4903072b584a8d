import type { CheckResult, Verdict } from './report.js';

/** A blocking check weighs three times an advisory one. */
const WEIGHT = { fail: 3, warn: 1 } as const;
/** What each status earns of its check's weight; skipped checks are left out. */
const EARNED = { pass: 1, warn: 0.5, fail: 0, error: 0 } as const;

export function scoreOf(results: readonly CheckResult[]): number {
  let possible = 0;
  let earned = 0;
  for (const r of results) {
    if (r.status === 'skip') continue;
    possible += WEIGHT[r.severity];
    earned += WEIGHT[r.severity] * EARNED[r.status];
  }
  if (possible === 0) return 0;
  const score = Math.round((100 * earned) / possible);
  // Rounding alone gives one advisory warning among forty checks 99.5 → 100: only a run where everything passed scores 100.
  return earned < possible ? Math.min(score, 99) : score;
}

/** blocked: something fails; at-risk: warnings, or checks that could not run; ready: neither. */
export function verdictOf(results: readonly CheckResult[]): Verdict {
  if (results.some((r) => r.status === 'fail')) return 'blocked';
  if (results.some((r) => r.status === 'warn' || r.status === 'error')) return 'at-risk';
  if (results.every((r) => r.status === 'skip')) return 'at-risk';
  return 'ready';
}
