import type { GuardVerdict } from './evaluate-guard.js';

/**
 * A guard judged once, or not: `unjudged` when Prometheus could not be asked
 * (unreachable, refused the credentials, rejected the query) or none is
 * configured. Never a pass without a number.
 */
export type GuardJudgement = GuardVerdict | { outcome: 'unjudged'; guard: string; summary: string };
