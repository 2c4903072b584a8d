import type { ChecksConfig, Runtime } from '../../config/schema.js';
import type { ServiceFacts } from '../readiness/service-facts.js';
import type { ServiceTarget } from '../readiness/service-target.js';

export type Severity = 'fail' | 'warn';
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** What one check says about one service. `fix` is empty when there is nothing to do. */
export interface CheckOutcome {
  status: Exclude<CheckStatus, 'error'>;
  finding: string;
  fix: string;
}

export interface CheckContext {
  target: ServiceTarget;
  settings: Pick<ChecksConfig, 'scanSeverity' | 'imageSizeBudgetMb' | 'healthBudgetMs'>;
  /** Memoized lookups: several checks read the same project, image or Deployment, it is fetched once. */
  facts: ServiceFacts;
  signal: AbortSignal;
}

export interface Check {
  /** Stable id, e.g. "k8s.probes"; used in config, JSON output and CI gates. */
  id: string;
  title: string;
  /** `fail` blocks a deploy; `warn` reports without blocking. Config may override. */
  severity: Severity;
  /** The one runtime whose services the check applies to (k8s.* Kubernetes, ecs.* ECS); every service when left out. */
  runtime?: Runtime;
  run(context: CheckContext): Promise<CheckOutcome>;
}

export const pass = (finding: string): CheckOutcome => ({ status: 'pass', finding, fix: '' });
export const fail = (finding: string, fix: string): CheckOutcome => ({ status: 'fail', finding, fix });
export const warn = (finding: string, fix: string): CheckOutcome => ({ status: 'warn', finding, fix });
export const skip = (finding: string): CheckOutcome => ({ status: 'skip', finding, fix: '' });
