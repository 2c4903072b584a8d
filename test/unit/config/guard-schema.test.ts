import { describe, expect, it } from 'vitest';
import { environmentGuards, fillGuardQuery, guardsOf, prometheusUrlFor } from '../../../src/app/guards/guards-of.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { problemsOf } from './config-problems.js';

const RATIO = 'sum(rate(http_requests_total{namespace="{namespace}",app="{service}",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{namespace}",app="{service}"}[1m]))';

/** staging runs backend and api (ECS); production only backend; backend is guarded. */
function document(): Record<string, any> {
  return {
    prometheus: { url: 'http://prometheus.monitoring:9090' },
    environments: {
      staging: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop-staging' }, ecs: { cluster: 'shop-staging' } },
      production: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop-production' }, services: ['backend'], prometheus: { url: 'https://prom.prod.example/prometheus' } },
    },
    services: {
      backend: { ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' }, guards: [{ name: 'error-ratio', query: RATIO, below: 0.01, window: '5m' }] },
      api: { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api' } },
    },
  };
}

describe('metric guards in the config', () => {
  it('loads guards, fills {namespace} and {service} per environment, and takes each environment\'s Prometheus URL over the top-level one', () => {
    // given
    const config = validateConfig(document(), 'shipmate.yml', {});
    // when
    const staging = guardsOf(config, 'staging', 'backend');
    const production = guardsOf(config, 'production', 'backend');
    // then
    expect(config.prometheus).toEqual({ url: 'http://prometheus.monitoring:9090', intervalSeconds: 15 });
    expect(staging).toEqual([
      {
        name: 'error-ratio',
        service: 'backend',
        query: 'sum(rate(http_requests_total{namespace="shop-staging",app="backend",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="shop-staging",app="backend"}[1m]))',
        threshold: { below: 0.01 },
        windowMinutes: 5,
        window: '5m',
        windowSeconds: 300,
      },
    ]);
    expect(production[0]?.query).toContain('namespace="shop-production"');
    expect(prometheusUrlFor(config, 'staging')).toBe('http://prometheus.monitoring:9090');
    expect(prometheusUrlFor(config, 'production')).toBe('https://prom.prod.example/prometheus');
    expect(guardsOf(config, 'staging', 'api')).toEqual([]);
    expect(environmentGuards(config, 'production').map((g) => `${g.service}/${g.name}`)).toEqual(['backend/error-ratio']);
  });

  it('reads windows in seconds, minutes and hours and a floor as above', () => {
    // given
    const doc = document();
    doc.services.backend.guards = [
      { name: 'a', query: 'up', above: 0.99, window: '30s' },
      { name: 'b', query: 'up', below: 1, window: '2h' },
    ];
    // when
    const guards = guardsOf(validateConfig(doc, 'shipmate.yml', {}), 'staging', 'backend');
    // then
    expect(guards.map((g) => [g.threshold, g.windowSeconds, g.windowMinutes])).toEqual([
      [{ above: 0.99 }, 30, 0.5],
      [{ below: 1 }, 7200, 120],
    ]);
  });

  it('replaces exactly {environment}, {namespace} and {service}, leaving PromQL\'s own braces alone', () => {
    expect(fillGuardQuery('x{env="{environment}",a="{app}"} / on() {service}', { environment: 'staging', service: 'api' })).toBe('x{env="staging",a="{app}"} / on() api');
  });

  it('refuses a guard with both or neither threshold, a bad window, a repeated name, naming each key', () => {
    // given
    const doc = document();
    doc.services.backend.guards = [
      { name: 'both', query: 'up', below: 1, above: 0, window: '5m' },
      { name: 'neither', query: 'up', window: '5m' },
      { name: 'when', query: 'up', below: 1, window: '5 minutes' },
      { name: 'both', query: 'up', below: 1, window: '0s' },
    ];
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: services.backend.guards[0].above: set exactly one of below and above',
      'shipmate.yml: services.backend.guards[1].below: set exactly one of below and above',
      'shipmate.yml: services.backend.guards[2].window: must be a duration such as 30s, 5m or 1h',
      'shipmate.yml: services.backend.guards[3].window: must be a duration such as 30s, 5m or 1h',
      'shipmate.yml: services.backend.guards[3].name: "both" is already the name of guard [0]',
    ]);
  });

  it('requires a Prometheus URL where a guarded service runs, naming the service and the keys', () => {
    // given: no top-level URL; production has its own, staging none
    const doc = document();
    delete doc.prometheus;
    doc.services.api.guards = [{ name: 'cpu', query: 'up', below: 1, window: '1m' }];
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: environments.staging.prometheus: required key is missing: backend, api have metric guards (services.backend.guards, services.api.guards) and no Prometheus URL applies here (set prometheus.url at the top level or environments.staging.prometheus.url)',
    ]);
  });

  it('needs no Prometheus where no guarded service runs, and refuses a URL that is not http(s)', () => {
    // given
    const doc = document();
    delete doc.prometheus;
    doc.environments.staging.services = ['api'];
    // when
    const config = validateConfig(doc, 'shipmate.yml', {});
    doc.prometheus = { url: 'prometheus:9090' };
    // then
    expect(prometheusUrlFor(config, 'staging')).toBeUndefined();
    expect(problemsOf(doc)).toEqual(['shipmate.yml: prometheus.url: must be an http:// or https:// URL']);
  });
});
