import { describe, expect, it } from 'vitest';
import { pass, fail, type Check } from '../../../src/domain/checks/check.js';
import { runCheck } from '../../../src/domain/readiness/run-check.js';
import { PortError } from '../../../src/ports/port-error.js';
import { checkContext } from '../../support/fake-ports.js';

const check = (run: Check['run'], severity: Check['severity'] = 'fail'): Check => ({ id: 'x.y', title: 'X', severity, run });
const context = () => {
  const { signal: _signal, ...rest } = checkContext();
  return rest;
};

describe('runCheck', () => {
  it('passes the outcome through with the service and timing', async () => {
    const result = await runCheck(check(async () => pass('fine')), context(), 'fail', 1000);
    expect(result).toMatchObject({ id: 'x.y', service: 'backend', status: 'pass', finding: 'fine', fix: '' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('downgrades a failure of an advisory check to warn', async () => {
    const result = await runCheck(check(async () => fail('bad', 'do this')), context(), 'warn', 1000);
    expect(result).toMatchObject({ status: 'warn', finding: 'bad', fix: 'do this', severity: 'warn' });
  });

  it('turns a port error into error with the reason and a fix', async () => {
    const denied = new PortError('forbidden', 'ECR DescribeImages: not authorized to perform ecr:DescribeImages');
    const result = await runCheck(check(async () => Promise.reject(denied)), context(), 'fail', 1000);
    expect(result.status).toBe('error');
    expect(result.finding).toBe('ECR DescribeImages: not authorized to perform ecr:DescribeImages');
    expect(result.fix).toMatch(/grant the permission/);
  });

  it('turns an unexpected throw into error with its first line only', async () => {
    const result = await runCheck(check(async () => { throw new TypeError('boom\n    at stack'); }), context(), 'fail', 1000);
    expect(result).toMatchObject({ status: 'error', finding: 'TypeError: boom' });
  });

  it('reports a hanging check as error after its timeout and aborts it', async () => {
    // given
    let aborted = false;
    const hanging = check((ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => (aborted = true))));
    // when
    const result = await runCheck(hanging, context(), 'fail', 50);
    // then
    expect(result).toMatchObject({ status: 'error', finding: 'did not finish within 50 ms' });
    expect(aborted).toBe(true);
  });
});
