import { describe, expect, it } from 'vitest';
import { validateConfig, readConfigDocument } from '../../../src/config/load-config.js';
import { fail, pass, skip, type Check } from '../../../src/domain/checks/check.js';
import { runReadiness } from '../../../src/domain/readiness/run-readiness.js';
import type { CheckResult } from '../../../src/domain/readiness/report.js';
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

  it('checks only the services asked for', async () => {
    const report = await runReadiness(config, { environment: 'staging', version: '1.2.0', services: ['frontend'] }, fakePorts(), [tagCheck]);
    expect(report.checks.map((c) => c.service)).toEqual(['frontend']);
  });

  it('runs only the checks asked for (the deploy preflight)', async () => {
    // given
    const other: Check = { id: 'test.other', title: 'other', severity: 'fail', run: async () => pass('ok') };
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.2.0', only: ['test.other'] }, fakePorts(), [tagCheck, other]);
    // then
    expect(report.checks.map((c) => `${c.service}:${c.id}`)).toEqual(['backend:test.other', 'frontend:test.other', 'ml:test.other']);
  });

  it('blocks on an advisory check that the config raises to fail, and warns on one left advisory', async () => {
    // given two advisory checks that fail, one raised to fail by the config
    const advisory = (id: string): Check => ({ id, title: id, severity: 'warn', run: async () => fail('bad', 'fix it') });
    const tuned = { ...config, checks: { ...config.checks, severity: { 'test.raised': 'fail' as const } } };
    // when
    const report = await runReadiness(tuned, { environment: 'staging', version: '1.0.0', services: ['backend'] }, fakePorts(), [advisory('test.raised'), advisory('test.advisory')]);
    // then
    expect(report.checks.map((c) => `${c.id}:${c.severity}:${c.status}`)).toEqual(['test.raised:fail:fail', 'test.advisory:warn:warn']);
    expect(report.verdict).toBe('blocked');
  });

  it('tells the progress display after each check how many of how many are done', async () => {
    // given 3 services x 2 checks
    const progress: string[] = [];
    const other: Check = { ...tagCheck, id: 'test.other' };
    // when
    await runReadiness(config, { environment: 'staging', version: '1.0.0', onCheckDone: (done, total) => progress.push(`${done}/${total}`) }, fakePorts(), [tagCheck, other]);
    // then
    expect(progress).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
  });

  it('hands every result to the observer (metrics) as it comes in', async () => {
    // given
    const observed: CheckResult[] = [];
    const ports = { ...fakePorts(), observe: (result: CheckResult) => observed.push(result) };
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.0.0' }, ports, [tagCheck]);
    // then
    expect(observed).toHaveLength(3);
    expect(new Set(observed)).toEqual(new Set(report.checks));
  });

  it('measures the run and each check on the clock it is given', async () => {
    // given a clock at 1000 ms and a check that takes 40 ms of it
    let time = 1000;
    const slow: Check = { id: 'test.slow', title: 'slow', severity: 'fail', run: async () => ((time += 40), pass('ok')) };
    // when
    const report = await runReadiness(config, { environment: 'staging', version: '1.0.0', services: ['backend'] }, fakePorts(), [slow], () => time);
    // then
    expect(report.checks.map((c) => c.durationMs)).toEqual([40]);
    expect(report.durationMs).toBe(40);
  });
});
