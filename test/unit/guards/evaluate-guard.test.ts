import { describe, expect, it } from 'vitest';
import { evaluateGuard, formatLabels, formatValue, type MetricGuard } from '../../../src/domain/guards/evaluate-guard.js';

const errorRatio: MetricGuard = {
  name: 'error-ratio',
  query: 'sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))',
  threshold: { below: 0.01 },
  windowMinutes: 5,
};
const throughput: MetricGuard = { name: 'throughput', query: 'sum by (instance) (rate(http_requests_total[1m]))', threshold: { above: 10 }, windowMinutes: 5 };

describe('evaluateGuard', () => {
  it('given a ratio under a "below" threshold, when evaluated, then it passes quoting the value', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, [{ labels: {}, value: 0.002 }]);

    // then
    expect(verdict).toEqual({ outcome: 'pass', guard: 'error-ratio', value: 0.002, labels: {}, summary: 'error-ratio: 0.002, threshold below 0.01' });
  });

  it('given 5 % of requests failing against "below 1 %", when evaluated, then it is a breach quoting 0.05', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, [{ labels: {}, value: 0.05 }]);

    // then
    expect(verdict.outcome).toBe('breach');
    expect(verdict.summary).toBe('error-ratio: 0.05, threshold below 0.01 — breached');
  });

  it('given a value exactly at the threshold, when evaluated, then it is a breach on either side (the value must stay strictly below or above)', () => {
    // given / when / then
    expect(evaluateGuard(errorRatio, [{ labels: {}, value: 0.01 }]).outcome).toBe('breach');
    expect(evaluateGuard(throughput, [{ labels: {}, value: 10 }]).outcome).toBe('breach');
  });

  it('given an "above" threshold, when the value is higher, then it passes, and lower, then it breaches', () => {
    // given / when / then
    expect(evaluateGuard(throughput, [{ labels: {}, value: 12.5 }]).outcome).toBe('pass');
    expect(evaluateGuard(throughput, [{ labels: {}, value: 3 }])).toMatchObject({ outcome: 'breach', value: 3, summary: 'throughput: 3, threshold above 10 — breached' });
  });

  it('given an empty vector, when evaluated, then it is no-data and says the query matched nothing', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, []);

    // then
    expect(verdict).toEqual({ outcome: 'no-data', guard: 'error-ratio', summary: 'error-ratio: no data, the query returned no series' });
  });

  it('given NaN (0/0, no traffic) as the only value, when evaluated, then it is no-data, never a pass', () => {
    // given / when
    const one = evaluateGuard(errorRatio, [{ labels: {}, value: Number.NaN }]);
    const several = evaluateGuard(errorRatio, [
      { labels: { pod: 'a' }, value: Number.NaN },
      { labels: { pod: 'b' }, value: Number.NaN },
    ]);

    // then
    expect(one).toEqual({ outcome: 'no-data', guard: 'error-ratio', summary: 'error-ratio: no data, the query returned NaN for its one series (no traffic?)' });
    expect(several.summary).toBe('error-ratio: no data, the query returned NaN for every series (no traffic?)');
  });

  it('given NaN beside real values, when evaluated, then the NaN series is ignored and the others decide', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, [
      { labels: { pod: 'idle' }, value: Number.NaN },
      { labels: { pod: 'busy' }, value: 0.03 },
    ]);

    // then
    expect(verdict).toMatchObject({ outcome: 'breach', value: 0.03, labels: { pod: 'busy' } });
  });

  it('given several series under "below", when one is over, then the highest decides and its labels are named', () => {
    // given
    const samples = [
      { labels: { instance: 'a:8080', job: 'api' }, value: 0.001 },
      { labels: { job: 'api', instance: 'b:8080' }, value: 0.2 },
      { labels: { instance: 'c:8080', job: 'api' }, value: 0.04 },
    ];

    // when
    const verdict = evaluateGuard(errorRatio, samples);

    // then
    expect(verdict).toMatchObject({ outcome: 'breach', value: 0.2, labels: { instance: 'b:8080', job: 'api' } });
    expect(verdict.summary).toBe('error-ratio: 0.2 on {instance="b:8080", job="api"}, threshold below 0.01 — breached');
  });

  it('given several series all within "below", when evaluated, then it passes quoting the worst (highest) one', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, [
      { labels: { pod: 'a' }, value: 0.004 },
      { labels: { pod: 'b' }, value: 0.009 },
      { labels: { pod: 'c' }, value: 0 },
    ]);

    // then
    expect(verdict).toMatchObject({ outcome: 'pass', value: 0.009, labels: { pod: 'b' } });
  });

  it('given several series under "above", when evaluated, then the lowest decides', () => {
    // given / when
    const verdict = evaluateGuard(throughput, [
      { labels: { instance: 'a' }, value: 40 },
      { labels: { instance: 'b' }, value: 7 },
      { labels: { instance: 'c' }, value: 25 },
    ]);

    // then
    expect(verdict).toMatchObject({ outcome: 'breach', value: 7, labels: { instance: 'b' } });
    expect(verdict.summary).toBe('throughput: 7 on {instance="b"}, threshold above 10 — breached');
  });

  it('given two series tied at the worst value, when evaluated, then the first one Prometheus listed is named, for either threshold', () => {
    // given
    const tied = [
      { labels: { pod: 'first' }, value: 0.5 },
      { labels: { pod: 'second' }, value: 0.5 },
    ];

    // when / then
    expect(evaluateGuard(errorRatio, tied)).toMatchObject({ labels: { pod: 'first' } });
    expect(evaluateGuard(throughput, tied)).toMatchObject({ labels: { pod: 'first' } });
  });

  it('given +Inf (errors over no counted total), when evaluated against "below", then it is a breach quoted as +Inf', () => {
    // given / when
    const verdict = evaluateGuard(errorRatio, [{ labels: {}, value: Number.POSITIVE_INFINITY }]);

    // then
    expect(verdict.outcome).toBe('breach');
    expect(verdict.summary).toBe('error-ratio: +Inf, threshold below 0.01 — breached');
  });
});

describe('formatValue and formatLabels', () => {
  it('given long fractions and infinities, when formatted, then four significant digits and Prometheus spellings', () => {
    // given / when / then
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(1234.5678)).toBe('1235');
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe('-Inf');
    expect(formatValue(0)).toBe('0');
  });

  it('given labels with quotes in a value, when formatted, then names are sorted and values quoted safely', () => {
    // given / when / then
    expect(formatLabels({ z: '1', a: 'say "hi"' })).toBe('{a="say \\"hi\\"", z="1"}');
    expect(formatLabels({})).toBe('{}');
  });
});
