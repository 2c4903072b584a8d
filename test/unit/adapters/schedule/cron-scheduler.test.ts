import { validate } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCron, type CronJob } from '../../../../src/adapters/schedule/cron-scheduler.js';
import { digestCronProblem } from '../../../../src/config/digest-schema.js';

describe('scheduleCron (node-cron v4)', () => {
  let job: CronJob | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-28T07:58:00Z') });
  });

  afterEach(async () => {
    await job?.stop();
    vi.useRealTimers();
  });

  it('given 09:00 Europe/Berlin, when the fake clock passes two mornings around the change, then it ticks at 08:00 and 07:00 UTC', async () => {
    // given
    const ticks: string[] = [];
    job = scheduleCron('0 9 * * *', 'Europe/Berlin', (firedAt) => {
      ticks.push(firedAt.toISOString());
    });

    // when: to 2026-03-29 07:30 UTC
    await vi.advanceTimersByTimeAsync(23.5 * 60 * 60_000 + 2 * 60_000);

    // then
    expect(ticks).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z']);
  });

  it('given a tick that throws, when it fires, then the error goes to onError and later ticks still run', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    job = scheduleCron(
      '* * * * *',
      'UTC',
      () => {
        calls++;
        throw new Error('slack down');
      },
      { onError: (error) => errors.push(error) },
    );

    await vi.advanceTimersByTimeAsync(2 * 60_000 + 1_000);

    expect(calls).toBe(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['slack down', 'slack down']);
  });

  it('given a stopped job, when time passes, then it no longer ticks, and stopping twice is harmless', async () => {
    let calls = 0;
    job = scheduleCron('* * * * *', 'UTC', () => {
      calls++;
    });

    await job.stop();
    await job.stop();
    await vi.advanceTimersByTimeAsync(3 * 60_000);

    expect(calls).toBe(0);
  });

  it('given expressions the digest schema accepts, when node-cron validates them, then it accepts them too', () => {
    for (const expression of ['0 9 * * 1-5', '*/15 8-18 * * *', '0 9 * * 7', '30 2 1,15 * *', '0 9 * * 0,6', '5-50/5 * * * *']) {
      expect(digestCronProblem(expression)).toBeUndefined();
      expect(validate(expression)).toBe(true);
    }
  });
});
