import { evaluateGuard, type MetricGuard } from '../../domain/guards/evaluate-guard.js';
import type { GuardJudgement } from '../../domain/guards/guard-judgement.js';
import type { PrometheusPort } from '../../ports/prometheus.port.js';

export type { GuardJudgement };

/** Runs the guard's query once and judges the answer; a Prometheus that cannot be asked makes it `unjudged`, with why. */
export async function judgeGuard(guard: MetricGuard, prometheus: PrometheusPort | undefined): Promise<GuardJudgement> {
  if (!prometheus) return { outcome: 'unjudged', guard: guard.name, summary: `${guard.name}: could not be judged, no Prometheus URL applies` };
  try {
    return evaluateGuard(guard, await prometheus.query(guard.query));
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
    return { outcome: 'unjudged', guard: guard.name, summary: `${guard.name}: could not be judged, ${why}` };
  }
}
