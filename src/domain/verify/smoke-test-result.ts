import type { HttpMethod } from '../../ports/http-client.port.js';

export type SmokeTestOutcome = 'pass' | 'fail' | 'skip' | 'error';

/** What one smoke-test step did. Never holds a token: login values read "[token]". */
export interface SmokeTestResult {
  name: string;
  method: HttpMethod;
  /** Placeholders filled, tokens shown as [token]. */
  url: string;
  status?: number;
  /** 0 for a skipped step. */
  latencyMs: number;
  /** The step's latency budget, when it has one. */
  latencyBudgetMs?: number;
  outcome: SmokeTestOutcome;
  /** Why it did not pass, first the most telling; empty when it passed. */
  problems: string[];
}

export const REDACTED = '[token]';
