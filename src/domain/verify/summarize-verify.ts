import type { SmokeTestResult } from './smoke-test-result.js';

export interface VerifySummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /** True when there was at least one step and every step passed. */
  ok: boolean;
  /** "4/5 passed" */
  headline: string;
  /** The first step that did not pass and why, e.g. "me: status 500, expected 2xx". */
  firstProblem?: string;
}

export function summarizeVerify(results: readonly SmokeTestResult[]): VerifySummary {
  const count = (outcome: SmokeTestResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const passed = count('pass');
  const firstBad = results.find((r) => r.outcome === 'fail' || r.outcome === 'error') ?? results.find((r) => r.outcome !== 'pass');
  return {
    total: results.length,
    passed,
    failed: count('fail'),
    errored: count('error'),
    skipped: count('skip'),
    ok: results.length > 0 && passed === results.length,
    headline: results.length === 0 ? 'no smoke tests configured' : `${passed}/${results.length} passed`,
    ...(firstBad ? { firstProblem: `${firstBad.name}: ${firstBad.problems[0] ?? firstBad.outcome}` } : {}),
  };
}
