import { afterEach, describe, expect, it, vi } from 'vitest';
import { pass, fail, skip, type Check } from '../../../src/domain/checks/check.js';
import { runCheck } from '../../../src/domain/readiness/run-check.js';
import { PortError, type PortErrorCode } from '../../../src/ports/port-error.js';
import { checkContext } from '../../support/fake-ports.js';

const check = (run: Check['run'], severity: Check['severity'] = 'fail'): Check => ({ id: 'x.y', title: 'X', severity, run });
const context = () => {
  const { signal: _signal, ...rest } = checkContext();
  return rest;
};

/** A clock that reads each of `readings` in turn (milliseconds). */
const clock = (...readings: number[]) => () => readings.shift()!;

afterEach(() => {
  vi.useRealTimers();
});

describe('runCheck', () => {
  it('passes the outcome through with the service', async () => {
    const result = await runCheck(check(async () => pass('fine')), context(), 'fail', 1000);
    expect(result).toMatchObject({ id: 'x.y', service: 'backend', title: 'X', severity: 'fail', status: 'pass', finding: 'fine', fix: '' });
  });

  it('keeps a failure of a blocking check a failure', async () => {
    // given a check whose configured severity is fail
    const failing = check(async () => fail('image 1.1.0 is not in shop/backend', 'build 1.1.0 first'));
    // when
    const result = await runCheck(failing, context(), 'fail', 1000);
    // then it blocks: not downgraded to warn
    expect(result).toMatchObject({ status: 'fail', severity: 'fail', finding: 'image 1.1.0 is not in shop/backend', fix: 'build 1.1.0 first' });
  });

  it('downgrades a failure of an advisory check to warn', async () => {
    const result = await runCheck(check(async () => fail('bad', 'do this')), context(), 'warn', 1000);
    expect(result).toMatchObject({ status: 'warn', finding: 'bad', fix: 'do this', severity: 'warn' });
  });

  it('leaves a pass or a skip of an advisory check as it is', async () => {
    const passed = await runCheck(check(async () => pass('fine')), context(), 'warn', 1000);
    const skipped = await runCheck(check(async () => skip('no health URL')), context(), 'warn', 1000);
    expect([passed.status, skipped.status]).toEqual(['pass', 'skip']);
  });

  it('measures the duration on the clock it is given, in whole milliseconds', async () => {
    // given a clock reading 1000.2 ms when the check starts and 1250.9 ms when it ends
    const now = clock(1000.2, 1250.9);
    // when
    const result = await runCheck(check(async () => pass('fine')), context(), 'fail', 1000, now);
    // then
    expect(result.durationMs).toBe(251);
  });

  it('measures the duration of a check that throws too', async () => {
    const now = clock(500, 620);
    const result = await runCheck(check(async () => Promise.reject(new PortError('unreachable', 'ECR: connect ECONNREFUSED'))), context(), 'fail', 1000, now);
    expect(result).toMatchObject({ status: 'error', durationMs: 120 });
  });

  it('turns a port error into error with the reason and a fix', async () => {
    const denied = new PortError('forbidden', 'ECR DescribeImages: not authorized to perform ecr:DescribeImages');
    const result = await runCheck(check(async () => Promise.reject(denied)), context(), 'fail', 1000);
    expect(result.status).toBe('error');
    expect(result.finding).toBe('ECR DescribeImages: not authorized to perform ecr:DescribeImages');
    expect(result.fix).toMatch(/grant the permission/);
  });

  it.each<[PortErrorCode, string]>([
    ['unauthorized', 'check the credentials shipmate runs with (AWS provider chain, kubeconfig user)'],
    ['unreachable', 'check the endpoint, the network path and that the service is up'],
    ['throttled', 'run again in a minute; lower check concurrency if it persists'],
    ['invalid', ''],
    ['remote', ''],
  ])('suggests the fix for a port error of code %s', async (code, fix) => {
    // given
    const error = new PortError(code, `EKS DescribeCluster: ${code}`);
    // when
    const result = await runCheck(check(async () => Promise.reject(error)), context(), 'fail', 1000);
    // then
    expect(result).toMatchObject({ status: 'error', finding: `EKS DescribeCluster: ${code}`, fix });
  });

  it('turns an unexpected throw into error with its first line only and no fix', async () => {
    const result = await runCheck(check(async () => { throw new TypeError('boom\n    at stack'); }), context(), 'fail', 1000);
    expect(result).toMatchObject({ status: 'error', finding: 'TypeError: boom', fix: '' });
  });

  it('suggests no fix for an error that only looks like a port error', async () => {
    // given a library's own error that happens to carry a code of the same name
    const foreign = Object.assign(new Error('socket: too many requests'), { code: 'throttled' });
    // when
    const result = await runCheck(check(async () => Promise.reject(foreign)), context(), 'fail', 1000);
    // then
    expect(result).toMatchObject({ status: 'error', finding: 'Error: socket: too many requests', fix: '' });
  });

  it('cuts an unexpected error message at 300 characters', async () => {
    const result = await runCheck(check(async () => { throw new Error('x'.repeat(500)); }), context(), 'fail', 1000);
    expect(result.finding).toBe(`Error: ${'x'.repeat(300)}`);
  });

  it('describes a thrown value that is not an Error by its first line', async () => {
    // given a check that throws a bare string
    const throwsText = check(async () => Promise.reject('socket hang up\nsecond line'));
    // when
    const result = await runCheck(throwsText, context(), 'fail', 1000);
    // then
    expect(result).toMatchObject({ status: 'error', finding: 'unexpected failure: socket hang up', fix: '' });
  });

  it('reports a hanging check as error after its timeout and aborts it', async () => {
    // given
    let aborted = false;
    const hanging = check((ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => (aborted = true))));
    // when
    const result = await runCheck(hanging, context(), 'fail', 50);
    // then
    expect(result).toMatchObject({ status: 'error', finding: 'did not finish within 50 ms', fix: '' });
    expect(aborted).toBe(true);
  });

  it('does not abort a check that finished in time once its timeout would have passed', async () => {
    // given a check that keeps its signal and finishes at once
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const quick = check(async (ctx) => {
      signal = ctx.signal;
      return pass('fine');
    });
    // when
    const result = await runCheck(quick, context(), 'fail', 1000, () => 0);
    vi.advanceTimersByTime(5000);
    // then
    expect(result.status).toBe('pass');
    expect(signal?.aborted).toBe(false);
  });
});
