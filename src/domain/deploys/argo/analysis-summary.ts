import type { AnalysisPhase, AnalysisRun } from '../../../ports/argo-rollouts.port.js';

/** One metric of an AnalysisRun as the thread shows it: its latest measurement and its tallies. */
export interface MetricSummary {
  name: string;
  phase: AnalysisPhase;
  /** The latest measurement's value as Argo stores it ("[0.4]"); undefined before the first one, or when it errored. */
  value?: string;
  /** The latest measurement's message (a provider error), or the metric's. */
  message?: string;
  count: number;
  failed: number;
  error: number;
  /** From the run's spec: how many failed measurements the metric tolerates (Argo's default 0). */
  failureLimit: number;
}

export interface AnalysisSummary {
  run: string;
  phase: AnalysisPhase;
  /** Argo's message for the run ("Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)"). */
  message?: string;
  metrics: MetricSummary[];
}

/** A failed or errored AnalysisRun ends the rollout (Argo aborts it); Inconclusive only pauses it. */
export const isAnalysisFailure = (phase: string | undefined): boolean => phase === 'Failed' || phase === 'Error';

export function analysisSummary(run: AnalysisRun): AnalysisSummary {
  const metrics = run.metricResults.map((result): MetricSummary => {
    const latest = result.measurements.at(-1);
    const message = latest?.message ?? result.message;
    return {
      name: result.name,
      phase: result.phase,
      ...(latest?.value === undefined ? {} : { value: latest.value }),
      ...(message ? { message } : {}),
      count: result.count,
      failed: result.failed,
      error: result.error,
      failureLimit: run.metrics.find((m) => m.name === result.name)?.failureLimit ?? 0,
    };
  });
  return { run: run.name, phase: run.phase ?? 'Pending', ...(run.message ? { message: run.message } : {}), metrics };
}

/** "error-rate [0.4] (1 measured)": one metric's latest word, for the step's message. */
export const metricLine = (metric: MetricSummary): string => `${metric.name} ${measured(metric)}`;

/** "[3.5] — Failed (failed 1 > failureLimit 0)". */
function measured(metric: MetricSummary): string {
  const value = metric.value ?? (metric.message ? `error: ${metric.message}` : 'no measurement yet');
  const verdict = isAnalysisFailure(metric.phase)
    ? metric.phase === 'Error'
      ? ` — Error (errors ${metric.error})`
      : ` — Failed (failed ${metric.failed} > failureLimit ${metric.failureLimit})`
    : ` (${metric.count} measured)`;
  return `${value}${verdict}`;
}

/** "AnalysisRun checkout-6f9c-2-3 Running: error-rate [0.4] (1 measured)". */
export function analysisLine(summary: AnalysisSummary): string {
  const metrics = summary.metrics.map(metricLine).join('; ');
  return `AnalysisRun ${summary.run} ${summary.phase}${metrics ? `: ${metrics}` : ''}`;
}

/**
 * Why a failed run failed, quoting each failed or errored metric's value
 * and limit, then Argo's own message.
 */
export function analysisFailureMessage(summary: AnalysisSummary): string {
  const failing = summary.metrics.filter((m) => isAnalysisFailure(m.phase));
  const metrics = (failing.length > 0 ? failing : summary.metrics).map((m) => `metric "${m.name}" ${measured(m)}`);
  const argo = summary.message ? `\nArgo: ${summary.message}` : '';
  return `AnalysisRun ${summary.run} ${summary.phase}: ${metrics.join('; ') || 'no metric results'}${argo}`;
}
