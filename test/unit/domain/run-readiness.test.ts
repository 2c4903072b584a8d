import { describe, expect, it } from 'vitest';
import { validateConfig, readConfigDocument } from '../../../src/config/load-config.js';
import { fail, pass, skip, type Check } from '../../../src/domain/checks/check.js';
import { runReadiness } from '../../../src/domain/readiness/run-readiness.js';
import type { Deployment } from '../../../src/ports/cluster.port.js';
import { fakePorts } from '../../support/fake-ports.js';

const config = validateConfig(readConfigDocument('examples/sandbox.shipmate.yml'), 'sandbox.yml', {
  SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443',
});

const deployment = (name: string, image: string): Deployment => ({
  name,
  namespace: 'shop-staging',
  labels: {},
  annotations: {},
  spec: { selector: {}, template: { labels: {}, spec: { containers: [{ name, image }] } } },
  status: { conditions: [] },
});

const tagCheck: Check = {
  id: 'test.tag',
  title: 'records the tag under review',
  severity: 'fail',
  run: async ({ target }) => (target.ecr.tag ? pass(`${target.versionSource} ${target.ecr.tag}`) : skip('no version')),
};

describe('runReadiness', () => {
  it('runs every check for every service of the environment at the requested version', async () => {
    // given
    const ports = fakePorts();
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.2.0' }, ports, [tagCheck]);
    // then
    expect(report.checks.map((c) => `${c.service}:${c.finding}`)).toEqual([
      'backend:requested 1.2.0',
      'frontend:requested 1.2.0',
      'ml:requested 1.2.0',
    ]);
    expect(report).toMatchObject({ environment: 'staging', version: '1.2.0', score: 100, verdict: 'ready' });
  });

  it('reviews each service at the tag it runs when no version is given', async () => {
    // given
    const ports = fakePorts({
      cluster: {
        getDeployment: async (_ns, name) =>
          name === 'ml' ? undefined : deployment(name, `111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/${name}:1.0.${name.length}`),
      },
    });
    // when
    const report = await runReadiness(config, { environment: 'staging' }, ports, [tagCheck]);
    // then
    expect(report.checks.map((c) => c.finding)).toEqual(['deployed 1.0.7', 'deployed 1.0.8', 'no version']);
    expect(report.version).toBeUndefined();
  });

  it('honours severity overrides and turns checks off', async () => {
    // given
    const failing: Check = { id: 'test.fails', title: 'fails', severity: 'fail', run: async () => fail('bad', 'fix it') };
    const tuned = {
      ...config,
      checks: { ...config.checks, severity: { 'test.fails': 'warn' as const, 'test.tag': 'off' as const } },
    };
    // when
    const report = await runReadiness(tuned, { environment: 'staging', version: '1.0.0' }, fakePorts(), [tagCheck, failing]);
    // then
    expect(new Set(report.checks.map((c) => `${c.id}:${c.status}`))).toEqual(new Set(['test.fails:warn']));
    expect(report.verdict).toBe('at-risk');
  });

  it('runs checks concurrently rather than one after another', async () => {
    // given: 3 services x 4 checks, each waiting on a shared gate that opens only when all 12 have started
    let started = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const waits = (id: string): Check => ({
      id,
      title: id,
      severity: 'fail',
      run: async () => {
        if (++started === 12) open();
        await gate;
        return pass('ok');
      },
    });
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.0.0' }, fakePorts(), [
      waits('a.a'),
      waits('a.b'),
      waits('a.c'),
      waits('a.d'),
    ]);
    // then
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
  });
});
