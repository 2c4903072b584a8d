import type { CheckResult, ReadinessReport } from '../../src/domain/readiness/report.js';

/** One check's result for renderer tests; the finding defaults to something recognisable. */
export const checkResult = (id: string, service: string, status: CheckResult['status'], finding = `${id} says so`, fix = ''): CheckResult => ({
  id,
  service,
  title: id,
  severity: 'fail',
  status,
  finding,
  fix,
  durationMs: 120,
});

/** A blocked staging report at version 1.2.0 over the given checks. */
export const readinessReport = (checks: CheckResult[], verdict: ReadinessReport['verdict'] = 'blocked'): ReadinessReport => ({
  environment: 'staging',
  version: '1.2.0',
  score: 61,
  verdict,
  checks,
  durationMs: 1500,
});
