/**
 * One metric guard (SPEC §11) judged on the samples its query returned. Pure:
 * the caller runs the query (PrometheusPort) and decides when, over the window.
 */

export type GuardThreshold = { below: number } | { above: number };

export interface MetricGuard {
  name: string;
  /** PromQL giving an instant vector or a scalar, e.g. an error ratio. */
  query: string;
  /** The value must stay strictly below (or above) this number. */
  threshold: GuardThreshold;
  /** How long after the rollout the guard is watched. */
  windowMinutes: number;
}

/** What the guard reads: the port's samples, as plain data. */
export interface GuardSample {
  labels: Record<string, string>;
  value: number;
}

export type GuardVerdict =
  | { outcome: 'pass' | 'breach'; guard: string; value: number; labels: Record<string, string>; summary: string }
  | { outcome: 'no-data'; guard: string; summary: string };

/**
 * Every series must satisfy the threshold; the worst one (highest for
 * `below`, lowest for `above`) decides and is named. A NaN series (0/0: no
 * traffic) says nothing; when nothing else is left the verdict is no-data,
 * never a pass.
 */
export function evaluateGuard(guard: MetricGuard, samples: readonly GuardSample[]): GuardVerdict {
  const numbers = samples.filter((sample) => !Number.isNaN(sample.value));
  if (numbers.length === 0) {
    const why = samples.length === 0 ? 'the query returned no series' : `the query returned NaN for ${plural(samples.length, 'series', 'every series')} (no traffic?)`;
    return { outcome: 'no-data', guard: guard.name, summary: `${guard.name}: no data, ${why}` };
  }
  const below = 'below' in guard.threshold;
  const limit = 'below' in guard.threshold ? guard.threshold.below : guard.threshold.above;
  const worst = numbers.reduce((a, b) => ((below ? b.value > a.value : b.value < a.value) ? b : a));
  const holds = below ? worst.value < limit : worst.value > limit;
  const where = Object.keys(worst.labels).length > 0 ? ` on ${formatLabels(worst.labels)}` : '';
  const summary = `${guard.name}: ${formatValue(worst.value)}${where}, threshold ${below ? 'below' : 'above'} ${formatValue(limit)}${holds ? '' : ' — breached'}`;
  return { outcome: holds ? 'pass' : 'breach', guard: guard.name, value: worst.value, labels: worst.labels, summary };
}

/** Prometheus's own spelling: {code="500", job="api"}, names sorted. */
export function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

/** Four significant digits, no exponent for ordinary ratios; +Inf/-Inf as Prometheus writes them. */
export function formatValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(Number(value.toPrecision(4)));
}

function plural(count: number, noun: string, all: string): string {
  return count === 1 ? `its one ${noun}` : all;
}
