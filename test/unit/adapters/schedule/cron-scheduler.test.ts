import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCron, type CronJob } from '../../../../src/adapters/schedule/cron-scheduler.js';
import { nextFireTime } from '../../../../src/domain/schedule/cron.js';

describe('scheduleCron (croner)', () => {
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

  it('given expressions in the dialect, when the fake clock runs over the spring change, then it ticks exactly at the fire times digests compute', async () => {
    // given: from 2026-03-28 07:58 UTC, over the night the clocks go forward in Berlin
    const expressions = ['0 9 * * SAT,SUN', '*/30 1-3 * * *', '30 2 * * *', '@daily'];
    const ticks = new Map<string, string[]>(expressions.map((e) => [e, []]));
    const jobs = expressions.map((e) => scheduleCron(e, 'Europe/Berlin', (firedAt) => void ticks.get(e)!.push(firedAt.toISOString())));

    // when: 36 hours
    await vi.advanceTimersByTimeAsync(36 * 60 * 60_000);
    await Promise.all(jobs.map((j) => j.stop()));

    // then
    const end = Date.now();
    for (const expression of expressions) {
      const expected: string[] = [];
      for (let t = nextFireTime(expression, 'Europe/Berlin', new Date('2026-03-28T07:58:00Z')); t && t.getTime() <= end; t = nextFireTime(expression, 'Europe/Berlin', t)) {
        expected.push(t.toISOString());
      }
      expect(expected.length).toBeGreaterThan(0);
      expect(ticks.get(expression)).toEqual(expected);
    }
    // 02:30 does not exist on the 29th: it fires once, at 03:00 CEST (01:00 UTC)
    expect(ticks.get('30 2 * * *')).toEqual(['2026-03-29T01:00:00.000Z']);
  });
});
