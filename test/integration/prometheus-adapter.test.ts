import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusAdapter } from '../../src/adapters/prometheus/prometheus-adapter.js';
import { evaluateGuard, type MetricGuard } from '../../src/domain/guards/evaluate-guard.js';
import { PortError } from '../../src/ports/port-error.js';
import type { PrometheusPort, PromSample } from '../../src/ports/prometheus.port.js';
import { freePort } from '../support/free-port.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { type RequestCounterExporter, startRequestCounterExporter } from '../support/request-counter-exporter.js';
import { waitUntil } from '../support/wait-until.js';

/** Prometheus needs a couple of 1 s scrapes before a rate has two points; generous on a busy machine. */
const DATA_TIMEOUT_MS = 60_000;

/** 5xx over all requests of one job; `sum` so the two code series are added, not matched one to one. */
const errorRatioOf = (job: string) =>
  `sum(rate(http_requests_total{job="${job}",code=~"5.."}[30s])) / sum(rate(http_requests_total{job="${job}"}[30s]))`;
const guardOn = (query: string): MetricGuard => ({ name: 'error-ratio', query, threshold: { below: 0.01 }, windowMinutes: 5 });

describe('Prometheus adapter against a real Prometheus', () => {
  let prometheus: TestPrometheus;
  let port: PrometheusPort;
  const exporters: Record<'failing' | 'healthy' | 'turning', RequestCounterExporter | undefined> = { failing: undefined, healthy: undefined, turning: undefined };

  let startedAt: Date;

  beforeAll(async () => {
    startedAt = new Date();
    exporters.failing = await startRequestCounterExporter({ failingPercent: 5 });
    exporters.healthy = await startRequestCounterExporter({ failingPercent: 0 });
    exporters.turning = await startRequestCounterExporter({ failingPercent: 0 });
    prometheus = await startPrometheus({ failing: exporters.failing.url, healthy: exporters.healthy.url, turning: exporters.turning.url });
    port = createPrometheusAdapter({ url: prometheus.url });
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(Object.values(exporters).map((exporter) => exporter?.close()));
  });

  /** Polls until the query returns at least one number (not only NaN), and returns those samples. */
  async function dataFor(query: string, accept: (samples: PromSample[]) => boolean = () => true): Promise<PromSample[]> {
    let samples: PromSample[] = [];
    await waitUntil(
      async () => {
        samples = await port.query(query);
        return samples.some((sample) => !Number.isNaN(sample.value)) && accept(samples);
      },
      DATA_TIMEOUT_MS,
      `data for ${query}`,
    );
    return samples;
  }

  it('given a service where 5 % of requests fail, when its error-ratio guard (below 1 %) is evaluated, then it is a breach quoting 0.05', async () => {
    // given
    const query = errorRatioOf('failing');

    // when
    const samples = await dataFor(query);
    const verdict = evaluateGuard(guardOn(query), samples);

    // then
    expect(samples).toHaveLength(1);
    expect(samples[0]?.value).toBeCloseTo(0.05, 6);
    expect(verdict.outcome).toBe('breach');
    expect(verdict.summary).toBe('error-ratio: 0.05, threshold below 0.01 — breached');
  }, 90_000);

  it('given a service with no failing request, when the same guard is evaluated, then it passes at 0', async () => {
    // given
    const query = errorRatioOf('healthy');

    // when
    const verdict = evaluateGuard(guardOn(query), await dataFor(query));

    // then
    expect(verdict).toMatchObject({ outcome: 'pass', value: 0, summary: 'error-ratio: 0, threshold below 0.01' });
  }, 90_000);

  it('given a healthy service that starts failing 5 % of requests, when the guard is read again, then it turns from pass to breach', async () => {
    // given
    const query = errorRatioOf('turning');
    expect(evaluateGuard(guardOn(query), await dataFor(query)).outcome).toBe('pass');

    // when
    exporters.turning?.setFailingPercent(5);

    // then
    const samples = await dataFor(query, (found) => evaluateGuard(guardOn(query), found).outcome === 'breach');
    expect(samples[0]?.value).toBeGreaterThanOrEqual(0.01);
    expect(samples[0]?.value).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('given the ratio by job, when evaluated, then the failing job is the worst series and is named', async () => {
    // given
    const query =
      'sum by (job) (rate(http_requests_total{job=~"failing|healthy",code=~"5.."}[30s])) / sum by (job) (rate(http_requests_total{job=~"failing|healthy"}[30s]))';

    // when
    const samples = await dataFor(query, (found) => found.length === 2);
    const verdict = evaluateGuard(guardOn(query), samples);

    // then
    expect(samples.map((sample) => sample.labels).sort((a, b) => String(a.job).localeCompare(String(b.job)))).toEqual([{ job: 'failing' }, { job: 'healthy' }]);
    expect(verdict).toMatchObject({ outcome: 'breach', labels: { job: 'failing' } });
    expect(verdict.summary).toBe('error-ratio: 0.05 on {job="failing"}, threshold below 0.01 — breached');
  }, 90_000);

  it('given a series selector, when queried, then each sample carries the full label set and a timestamp of this run', async () => {
    // given / when
    const samples = await dataFor('http_requests_total{job="failing",code="500"}');

    // then
    expect(samples).toHaveLength(1);
    expect(samples[0]?.labels).toEqual({ __name__: 'http_requests_total', code: '500', instance: new URL(exporters.failing?.url ?? '').host, job: 'failing' });
    expect(samples[0]?.value).toBeGreaterThan(0);
    expect(samples[0]?.at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1_000);
  }, 90_000);

  it('given scalars Prometheus spells NaN and +Inf, when queried, then they read as numbers without labels', async () => {
    // given / when
    const [nan, inf, negInf, two] = await Promise.all([port.query('0/0'), port.query('1/0'), port.query('-1/0'), port.query('1 + 1')]);

    // then
    expect(nan).toEqual([{ labels: {}, value: Number.NaN, at: expect.any(Date) }]);
    expect(inf[0]?.value).toBe(Number.POSITIVE_INFINITY);
    expect(negInf[0]?.value).toBe(Number.NEGATIVE_INFINITY);
    expect(two[0]?.value).toBe(2);
    expect(evaluateGuard(guardOn('0/0'), nan).outcome).toBe('no-data');
  });

  it('given a time before any scrape, when queried at it, then the vector is empty and the guard says no data', async () => {
    // given
    const anHourAgo = new Date(Date.now() - 60 * 60_000);

    // when
    const samples = await port.query('http_requests_total', anHourAgo);

    // then
    expect(samples).toEqual([]);
    expect(evaluateGuard(guardOn('http_requests_total'), samples).outcome).toBe('no-data');
  });

  it("given bad PromQL, when queried, then PortError('invalid') quotes Prometheus's parse error", async () => {
    // given / when
    const failure = await port.query('rate(http_requests_total[30s]').catch((error: unknown) => error);

    // then
    expect(failure).toBeInstanceOf(PortError);
    expect(failure).toMatchObject({ code: 'invalid' });
    expect((failure as PortError).message).toMatch(/^Prometheus at 127\.0\.0\.1:\d+ rejected the query \(bad_data\): .*parse error/);
  });

  it("given a range-vector query, when queried as an instant guard, then PortError('invalid') says a guard needs an instant vector", async () => {
    // given / when
    const failure = await port.query('http_requests_total[1m]').catch((error: unknown) => error);

    // then
    expect(failure).toMatchObject({ code: 'invalid', message: 'Prometheus: the query returned a range vector; a guard needs an instant vector or a scalar' });
  });

  it("given nothing listening on the port, when queried, then PortError('unreachable') says the connection was refused", async () => {
    // given
    const nowhere = createPrometheusAdapter({ url: `http://127.0.0.1:${await freePort()}` });

    // when
    const failure = await nowhere.query('up').catch((error: unknown) => error);

    // then
    expect(failure).toBeInstanceOf(PortError);
    expect(failure).toMatchObject({ code: 'unreachable' });
    expect((failure as PortError).message).toMatch(/^Prometheus at 127\.0\.0\.1:\d+: query failed: connection refused$/);
  });
});

describe('the test Prometheus itself', () => {
  it('given no prometheus binary, when a test starts one, then it fails in one line naming the package', async () => {
    // given
    const saved = process.env.PROMETHEUS_BIN;
    process.env.PROMETHEUS_BIN = '/nonexistent/prometheus';

    // when
    const failure = await startPrometheus({}).catch((error: unknown) => error);
    if (saved === undefined) delete process.env.PROMETHEUS_BIN;
    else process.env.PROMETHEUS_BIN = saved;

    // then
    expect(failure).toEqual(new Error('prometheus not found: apt-get install prometheus (or run scripts/ci-install-prometheus.sh)'));
  });
});
