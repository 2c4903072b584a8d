import type { CheckStatus, Severity } from '../checks/check.js';

export interface CheckResult {
  id: string;
  service: string;
  title: string;
  severity: Severity;
  status: CheckStatus;
  finding: string;
  fix: string;
  durationMs: number;
}

export type Verdict = 'ready' | 'at-risk' | 'blocked';

export interface ReadinessReport {
  environment: string;
  /** The version asked for; undefined when each service was checked at what it runs. */
  version?: string;
  score: number;
  verdict: Verdict;
  checks: CheckResult[];
  durationMs: number;
}
