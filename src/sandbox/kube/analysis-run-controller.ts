import type { WorldAnalysis } from '../world.js';
import { timestampOf, type ControllerClock } from './rollout-controller-clock.js';
import type { AnalysisRunShape, MetricResult } from './analysis-run-objects.js';
import { DEFAULT_INTERVAL_SECONDS, DEFAULT_MAX_VALUE } from './analysis-run-objects.js';

/** What the runner needs from its surroundings. */
export interface AnalysisContext {
  clock: ControllerClock;
  /** The world's `kubernetes.analysis`, read when each measurement is taken. */
  analysis(): Record<string, WorldAnalysis>;
  /** The run changed: publish it (and let its Rollout reconcile). */
  changed(run: AnalysisRunShape): void;
  /** Keeps the cancel function of a pending measurement. */
  track(cancel: () => void): void;
}

/** Argo's default consecutiveErrorLimit. */
const CONSECUTIVE_ERROR_LIMIT = 4;
const COMPLETED = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);
export const isCompleted = (phase: string | undefined): boolean => phase !== undefined && COMPLETED.has(phase);

/**
 * Runs an AnalysisRun the way Argo's analysis controller does for a metric
 * with `count` and `interval`: one measurement per interval, each value
 * judged against the world's maximum; a metric fails once more than
 * failureLimit measurements failed, succeeds after `count` measurements; the
 * run takes the worst metric phase, with Argo's message for it.
 */
export function runAnalysis(context: AnalysisContext, run: AnalysisRunShape): void {
  const now = () => timestampOf(context.clock.now());
  run.status = { phase: 'Running', startedAt: now(), metricResults: run.spec.metrics.map((m) => ({ name: m.name, phase: 'Running' })) };
  context.changed(run);
  const measure = (): void => {
    if (run.spec.terminate || isCompleted(run.status.phase)) return;
    const analysis = context.analysis();
    for (const metric of run.spec.metrics) {
      const result = run.status.metricResults!.find((r) => r.name === metric.name)!;
      if (isCompleted(result.phase)) continue;
      const config = analysis[metric.name] ?? Object.values(analysis).find((a) => a.metric === metric.name);
      takeMeasurement(result, config, metric.failureLimit, now());
    }
    settle(run);
    context.changed(run);
    if (!isCompleted(run.status.phase)) context.track(context.clock.schedule(intervalMs(run), measure));
  };
  context.track(context.clock.schedule(0, measure));
}

/** spec.terminate, as Argo sets it when the Rollout aborts or moves on: no more measurements, the run ends. */
export function terminateAnalysis(run: AnalysisRunShape): void {
  run.spec.terminate = true;
  if (isCompleted(run.status.phase)) return;
  for (const result of run.status.metricResults ?? []) if (!isCompleted(result.phase)) result.phase = 'Successful';
  run.status.phase = 'Successful';
  run.status.message = 'Run Terminated';
}

function takeMeasurement(result: MetricResult, config: WorldAnalysis | undefined, failureLimit: number, at: string): void {
  const measurements = (result.measurements ??= []);
  const count = (result.count ?? 0) + 1;
  result.count = count;
  if (!config) {
    // Argo's provider error: an Error measurement; the metric errors after more than consecutiveErrorLimit (4) in a row.
    const message = `the sandbox world has no kubernetes.analysis entry for metric "${result.name}"`;
    measurements.push({ phase: 'Error', message, startedAt: at, finishedAt: at });
    result.error = (result.error ?? 0) + 1;
    result.consecutiveError = (result.consecutiveError ?? 0) + 1;
    result.message = message;
    if (result.consecutiveError > CONSECUTIVE_ERROR_LIMIT) result.phase = 'Error';
    return;
  }
  const value = config.values[count - 1] ?? config.values.at(-1) ?? 0;
  const failed = value > (config.maxValue ?? DEFAULT_MAX_VALUE);
  measurements.push({ phase: failed ? 'Failed' : 'Successful', value: `[${value}]`, startedAt: at, finishedAt: at });
  if (failed) result.failed = (result.failed ?? 0) + 1;
  else result.successful = (result.successful ?? 0) + 1;
  if ((result.failed ?? 0) > failureLimit) result.phase = 'Failed'; else if (count >= Math.max(1, config.values.length)) result.phase = 'Successful';
}

/** The run's phase: the worst completed metric's, once every metric completed or one failed. */
function settle(run: AnalysisRunShape): void {
  const results = run.status.metricResults ?? [];
  const worst = results.find((r) => r.phase === 'Error') ?? results.find((r) => r.phase === 'Failed');
  run.status.runSummary = {
    count: results.length,
    ...nonZero('successful', results.filter((r) => r.phase === 'Successful').length),
    ...nonZero('failed', results.filter((r) => r.phase === 'Failed').length),
    ...nonZero('error', results.filter((r) => r.phase === 'Error').length),
  };
  if (worst) {
    run.status.phase = worst.phase;
    run.status.message =
      worst.phase === 'Error'
        ? `Metric "${worst.name}" assessed Error due to consecutiveErrors (${worst.consecutiveError}) > consecutiveErrorLimit (${CONSECUTIVE_ERROR_LIMIT}): "Error Message: ${worst.message}"`
        : `Metric "${worst.name}" assessed Failed due to failed (${worst.failed}) > failureLimit (${limitOf(run, worst.name)})`;
  } else if (results.every((r) => r.phase === 'Successful')) run.status.phase = 'Successful';
}

const limitOf = (run: AnalysisRunShape, metric: string): number => run.spec.metrics.find((m) => m.name === metric)?.failureLimit ?? 0;

const nonZero = (key: string, value: number) => (value > 0 ? { [key]: value } : {});

function intervalMs(run: AnalysisRunShape): number {
  const seconds = Math.min(...run.spec.metrics.map((m) => Number.parseFloat(m.interval) || DEFAULT_INTERVAL_SECONDS));
  return seconds * 1000;
}
