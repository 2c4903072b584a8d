import { describe, expect, it } from 'vitest';
import { requireSomethingToVerify, runVerifyFor, verifyPassed } from '../../../src/app/verify/run-verify-for.js';
import { validateConfig } from '../../../src/config/load-config.js';
import type { HttpClientPort } from '../../../src/ports/http-client.port.js';
import { PortError } from '../../../src/ports/port-error.js';
import type { PrometheusPort } from '../../../src/ports/prometheus.port.js';
import { systemClock } from '../../../src/ports/clock.port.js';

/** staging runs backend (guarded, error ratio) and frontend (guarded, availability); no smoke tests anywhere. */
function config(withGuards = true) {
  const guard = (name: string, threshold: Record<string, number>) => ({ name, query: `${name}{namespace="{namespace}",app="{service}"}`, window: '5m', ...threshold });
  return validateConfig(
    {
      prometheus: { url: 'http://prometheus:9090' },
      environments: { staging: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop-staging' } } },
      services: {
        backend: { ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' }, ...(withGuards ? { guards: [guard('error_ratio', { below: 0.01 })] } : {}) },
        frontend: { ecr: { repository: 'shop/frontend' }, kubernetes: { deployment: 'frontend' }, ...(withGuards ? { guards: [guard('availability', { above: 0.99 })] } : {}) },
      },
    },
    'shipmate.yml',
    {},
  );
}

const noHttp = {} as HttpClientPort;

/** Answers each query from a table of expression → value (or an error). */
function prometheus(answers: Record<string, number | Error>): PrometheusPort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(expr) {
      asked.push(expr);
      const answer = answers[expr];
      if (answer instanceof Error) throw answer;
      return answer === undefined ? [] : [{ labels: {}, value: answer, at: new Date() }];
    },
  };
}

describe('/verify runs the metric guards on demand', () => {
  it('given an environment with guards and no smoke tests, when verified, then each guard is judged once with its placeholders filled, named by its service', async () => {
    // given
    const port = prometheus({ 'error_ratio{namespace="shop-staging",app="backend"}': 0.2, 'availability{namespace="shop-staging",app="frontend"}': 0.999 });
    requireSomethingToVerify(config(), 'staging');
    // when
    const run = await runVerifyFor(config(), 'staging', noHttp, systemClock, () => port);
    // then
    expect(port.asked).toHaveLength(2);
    expect(run.results).toEqual([]);
    expect(run.guards?.map((g) => [g.outcome, g.summary])).toEqual([
      ['breach', 'backend error_ratio: 0.2, threshold below 0.01 — breached'],
      ['pass', 'frontend availability: 0.999, threshold above 0.99'],
    ]);
    expect(verifyPassed(run)).toBe(false);
  });

  it('given guards without data or without Prometheus, when verified, then they are shown as such and do not fail /verify', async () => {
    // given
    const port = prometheus({ 'error_ratio{namespace="shop-staging",app="backend"}': new PortError('unreachable', 'Prometheus at prometheus:9090: query failed: connection refused') });
    // when
    const run = await runVerifyFor(config(), 'staging', noHttp, systemClock, () => port);
    const without = await runVerifyFor(config(), 'staging', noHttp, systemClock, () => undefined);
    // then
    expect(run.guards?.map((g) => g.outcome)).toEqual(['unjudged', 'no-data']);
    expect(run.guards?.[0]?.summary).toBe('backend error_ratio: could not be judged, Prometheus at prometheus:9090: query failed: connection refused');
    expect(without.guards?.[0]?.summary).toBe('backend error_ratio: could not be judged, no Prometheus URL applies');
    expect(verifyPassed(run)).toBe(true);
  });

  it('given neither smoke tests nor guards, when asked to verify, then it is refused before anything runs, as before', async () => {
    expect(() => requireSomethingToVerify(config(false), 'staging')).toThrow('staging has no smoke tests (environments.staging.smokeTests)');
    await expect(runVerifyFor(config(false), 'staging', noHttp, systemClock, () => prometheus({}))).rejects.toThrow('has no smoke tests');
  });

  it('given the /verify after a deploy (no Prometheus passed), when run, then it judges no guard: only the smoke tests, as before', async () => {
    await expect(runVerifyFor(config(), 'staging', noHttp, systemClock)).rejects.toThrow('has no smoke tests');
  });
});
