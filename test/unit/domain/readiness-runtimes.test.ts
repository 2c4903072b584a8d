import { describe, expect, it } from 'vitest';
import { readConfigDocument, validateConfig } from '../../../src/config/load-config.js';
import { pass, type Check } from '../../../src/domain/checks/check.js';
import { checkCatalog } from '../../../src/domain/checks/catalog.js';
import { healthCheck } from '../../../src/domain/checks/http/health.js';
import { runReadiness } from '../../../src/domain/readiness/run-readiness.js';
import type { ServiceTarget } from '../../../src/domain/readiness/service-target.js';
import { checkContext, fakePorts } from '../../support/fake-ports.js';

/** The sandbox config with two ECS services in staging: api in staging's cluster, worker in its own. */
const config = (() => {
  const doc = readConfigDocument('examples/sandbox.shipmate.yml') as Record<string, any>;
  doc.environments.staging.ecs = { cluster: 'shop-staging' };
  doc.environments.production.services = ['backend', 'frontend', 'ml'];
  doc.services.api = { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api' }, healthUrl: 'https://api.example.com/health' };
  doc.services.worker = { runtime: 'ecs', ecr: { repository: 'shop/worker' }, ecs: { service: 'jobs', container: 'main', cluster: 'shop-workers' } };
  return validateConfig(doc, 'sandbox.yml', { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' });
})();

/** A check that records the target it saw, passing. */
const recording = (id: string, runtime?: Check['runtime']) => {
  const seen: ServiceTarget[] = [];
  const check: Check = { id, title: id, severity: 'fail', ...(runtime ? { runtime } : {}), run: async ({ target }) => (seen.push(target), pass('seen')) };
  return { check, seen };
};

describe('readiness over Kubernetes and ECS services', () => {
  it('runs Kubernetes-only checks on Kubernetes services, ECS-only ones on ECS services, and the rest on every service', async () => {
    // given
    const k8s = recording('k8s.anything', 'kubernetes');
    const ecs = recording('ecs.anything', 'ecs');
    const any = recording('ecr.anything');
    const progress: [number, number][] = [];
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.2.0', onCheckDone: (done, total) => progress.push([done, total]) }, fakePorts(), [
      k8s.check,
      ecs.check,
      any.check,
    ]);
    // then
    expect(report.checks.map((c) => `${c.service} ${c.id}`)).toEqual([
      'backend k8s.anything',
      'backend ecr.anything',
      'frontend k8s.anything',
      'frontend ecr.anything',
      'ml k8s.anything',
      'ml ecr.anything',
      'api ecs.anything',
      'api ecr.anything',
      'worker ecs.anything',
      'worker ecr.anything',
    ]);
    expect(progress.at(-1)).toEqual([10, 10]);
  });

  it("gives an ECS check its service, container and cluster: the service's own, else the environment's", async () => {
    // given
    const ecs = recording('ecs.anything', 'ecs');
    // when
    await runReadiness(config, { environment: 'staging', version: '1.2.0', services: ['api', 'worker'] }, fakePorts(), [ecs.check]);
    // then
    expect(ecs.seen.map((t) => (t.runtime === 'ecs' ? t.ecs : undefined))).toEqual([
      { cluster: 'shop-staging', service: 'api', container: 'api' },
      { cluster: 'shop-workers', service: 'jobs', container: 'main' },
    ]);
    expect(ecs.seen[0]).toMatchObject({ runtime: 'ecs', ecr: { repository: 'shop/api', tag: '1.2.0' }, healthUrl: 'https://api.example.com/health' });
  });

  it('marks every k8s.* check of the catalog Kubernetes-only, every ecs.* check ECS-only, and no other', () => {
    // given / when
    const wrong = checkCatalog.filter((c) => (c.runtime ?? 'any') !== ({ k8s: 'kubernetes', ecs: 'ecs' }[c.id.split('.')[0]!] ?? 'any'));
    // then
    expect(checkCatalog.some((c) => c.runtime === 'kubernetes')).toBe(true);
    expect(wrong.map((c) => c.id)).toEqual([]);
  });
});

describe('http.health on an ECS service', () => {
  it("points at the ECS service's events, not at kubectl", async () => {
    // given
    const context = checkContext({
      target: { runtime: 'ecs', healthUrl: 'https://api.example.com/health' },
      ports: { http: { get: async () => ({ status: 503, latencyMs: 12 }) } },
    });
    // when
    const outcome = await healthCheck.run(context);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'GET https://api.example.com/health answered 503 in 12 ms',
      fix: "see why it is unhealthy: aws ecs describe-services --cluster shop-staging --services api --query 'services[0].events[:5]'",
    });
  });

  it("sends an ECS service whose health URL does not answer to the service's events too", async () => {
    // given
    const context = checkContext({
      target: { runtime: 'ecs', healthUrl: 'https://api.example.com/health' },
      ports: { http: { get: async () => ({ latencyMs: 3000, error: 'connect ECONNREFUSED' }) } },
    });
    // when
    const outcome = await healthCheck.run(context);
    // then
    expect(outcome.fix).toBe(
      "check the service and its ingress are up: curl -v https://api.example.com/health; aws ecs describe-services --cluster shop-staging --services api --query 'services[0].events[:5]'",
    );
  });

  it('still points a Kubernetes service at its pods', async () => {
    // given
    const context = checkContext({ ports: { http: { get: async () => ({ status: 503, latencyMs: 12 }) } } });
    // when
    const outcome = await healthCheck.run(context);
    // then
    expect(outcome.fix).toBe('see why it is unhealthy: kubectl -n shop-staging logs deployment/backend --tail=50');
  });

  it('still sends a Kubernetes service that does not answer to its pods and ingress', async () => {
    // given
    const context = checkContext({ ports: { http: { get: async () => ({ latencyMs: 3000, error: 'connect ECONNREFUSED' }) } } });
    // when
    const outcome = await healthCheck.run(context);
    // then
    expect(outcome.fix).toBe('check the service and its ingress are up: curl -v https://staging.shop.example.com/health; kubectl -n shop-staging get pods,ingress');
  });
});
