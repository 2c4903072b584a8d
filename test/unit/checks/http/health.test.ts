import { describe, expect, it } from 'vitest';
import { healthCheck } from '../../../../src/domain/checks/http/health.js';
import type { ProbeResult } from '../../../../src/ports/http-probe.port.js';
import { checkContext } from '../../../support/fake-ports.js';

const URL = 'https://staging.shop.example.com/health';

/** A probe port answering `result`, recording the timeout it was given. */
const probeAnswering = (result: ProbeResult) => {
  const timeouts: number[] = [];
  return {
    timeouts,
    http: {
      get: async (_url: string, { timeoutMs }: { timeoutMs: number }) => {
        timeouts.push(timeoutMs);
        return result;
      },
    },
  };
};

describe('http.health', () => {
  it('given a 200 within budget, when run, then it passes with status and latency', async () => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ status: 200, latencyMs: 42 }).http } }));

    expect(outcome).toMatchObject({ status: 'pass', finding: '200 in 42 ms' });
  });

  it('given a budget, when probing, then the timeout leaves room past the budget to see slowness', async () => {
    const probe = probeAnswering({ status: 200, latencyMs: 42 });

    await healthCheck.run(checkContext({ ports: { http: probe.http }, settings: { healthBudgetMs: 1000 } }));

    expect(probe.timeouts).toEqual([3000]);
  });

  it.each([
    [500, 2500],
    [2000, 6000],
  ])('given a budget of %i ms, when probing, then the timeout is %i ms: the larger of three budgets and the budget plus two seconds', async (healthBudgetMs, timeout) => {
    const probe = probeAnswering({ status: 200, latencyMs: 42 });

    await healthCheck.run(checkContext({ ports: { http: probe.http }, settings: { healthBudgetMs } }));

    expect(probe.timeouts).toEqual([timeout]);
  });

  it('given a 200 exactly at the budget, when run, then it passes', async () => {
    const outcome = await healthCheck.run(
      checkContext({ ports: { http: probeAnswering({ status: 200, latencyMs: 1000 }).http }, settings: { healthBudgetMs: 1000 } }),
    );

    expect(outcome).toMatchObject({ status: 'pass', finding: '200 in 1000 ms' });
  });

  it('given a 200 over the budget, when run, then it warns rather than fails', async () => {
    const outcome = await healthCheck.run(
      checkContext({ ports: { http: probeAnswering({ status: 200, latencyMs: 1500 }).http }, settings: { healthBudgetMs: 1000 } }),
    );

    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toBe(`GET ${URL} answered 200 in 1500 ms, over the 1000 ms budget`);
    expect(outcome.fix).toBe(
      'make the health endpoint cheap (no downstream calls), or raise checks.healthBudgetMs; ' +
        'look for slow dependencies in kubectl -n shop-staging logs deployment/backend --tail=50',
    );
  });

  it('given a 503, when run, then it fails quoting the status with where to look', async () => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ status: 503, latencyMs: 8 }).http } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(`GET ${URL} answered 503 in 8 ms`);
    expect(outcome.fix).toContain('kubectl -n shop-staging logs deployment/backend');
  });

  it('given a 503 from a service whose workload is an Argo Rollout, when run, then its fix finds the pods with the Argo Rollouts plugin (kubectl logs knows no Rollout)', async () => {
    // given
    const context = checkContext({
      target: { kubernetes: { deployment: 'backend', container: 'backend', kind: 'Rollout' } },
      ports: { http: probeAnswering({ status: 503, latencyMs: 8 }).http },
    });
    // when
    const outcome = await healthCheck.run(context);
    // then
    expect(outcome.fix).toContain('kubectl argo rollouts -n shop-staging get rollout backend (it lists the pods), then kubectl -n shop-staging logs <pod> --tail=50');
    expect(outcome.fix).not.toContain('deployment/');
  });

  it('given a redirect, when run, then it fails asking for the final URL', async () => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ status: 301, latencyMs: 8 }).http } }));

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toContain('answered 301 (a redirect)');
    expect(outcome.fix).toContain('services.backend.healthUrl');
  });

  it.each([300, 308, 399])('given a %i redirect, when run, then it fails as a redirect', async (status) => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ status, latencyMs: 8 }).http } }));

    expect(outcome).toMatchObject({ status: 'fail', finding: `GET ${URL} answered ${status} (a redirect) in 8 ms` });
  });

  it.each([101, 199, 400, 404])('given a %i, when run, then it fails as an unhealthy answer', async (status) => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ status, latencyMs: 8 }).http } }));

    expect(outcome).toMatchObject({ status: 'fail', finding: `GET ${URL} answered ${status} in 8 ms` });
  });

  it('given no answer and no reason from the probe, when run, then it fails saying the error is unknown', async () => {
    const outcome = await healthCheck.run(checkContext({ ports: { http: probeAnswering({ latencyMs: 3000 }).http } }));

    expect(outcome).toMatchObject({ status: 'fail', finding: `GET ${URL} got no answer: unknown error` });
  });

  it('given no answer, when run, then it fails quoting the probe error', async () => {
    const outcome = await healthCheck.run(
      checkContext({ ports: { http: probeAnswering({ latencyMs: 3000, error: 'timed out after 3000 ms' }).http } }),
    );

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe(`GET ${URL} got no answer: timed out after 3000 ms`);
    expect(outcome.fix).toContain(`curl -v ${URL}`);
  });

  it('given no health URL for the service, when run, then it skips without probing', async () => {
    const outcome = await healthCheck.run(checkContext({ target: { healthUrl: undefined } }));

    expect(outcome).toMatchObject({ status: 'skip', finding: 'no healthUrl configured for backend in staging' });
  });

  it('given the probe port itself throws, when run, then the error propagates', async () => {
    const http = { get: () => Promise.reject(new Error('probe exploded')) };

    await expect(healthCheck.run(checkContext({ ports: { http } }))).rejects.toThrow('probe exploded');
  });
});
