import { validate } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleCron, type CronJob } from '../../../../src/adapters/schedule/cron-scheduler.js';
import { nextFireTime } from '../../../../src/domain/digests/digest-schedule.js';
import { cronProblem, wallClockCron } from '../../../../src/schedule/cron-expression.js';

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

  /** The ticks of a job from `from` for `hours`, under the fake clock. */
  async function ticksOf(expression: string, timezone: string, from: string, hours: number): Promise<string[]> {
    vi.setSystemTime(new Date(from));
    const ticks: string[] = [];
    job = scheduleCron(expression, timezone, (firedAt) => {
      ticks.push(firedAt.toISOString());
    });
    await vi.advanceTimersByTimeAsync(hours * 60 * 60_000);
    await job.stop();
    return ticks;
  }

  it('given 02:30 in Berlin, when the clocks skip it in spring and repeat it in autumn, then it ticks right after the jump, and once, the first time', async () => {
    // 29 March: 02:00 CET -> 03:00 CEST at 01:00Z; 25 October: 03:00 CEST -> 02:00 CET at 01:00Z
    expect(await ticksOf('30 2 * * *', 'Europe/Berlin', '2026-03-28T23:58:00Z', 3)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(await ticksOf('30 2 * * *', 'Europe/Berlin', '2026-10-24T23:58:00Z', 3)).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('given schedules with names, nicknames and steps in New York, when both changes pass, then the ticks are the digest fire times', async () => {
    // 8 March: 02:00 EST -> 03:00 EDT at 07:00Z; 1 November: 02:00 EDT -> 01:00 EST at 06:00Z
    for (const from of ['2026-03-08T04:00:00Z', '2026-11-01T04:00:00Z']) {
      for (const expression of ['*/20 1-3 * * SUN', '@hourly', '30 2 * * SUN', '15 1 * * *']) {
        // when
        const ticks = await ticksOf(expression, 'America/New_York', from, 4);

        // then
        const fires: string[] = [];
        const cron = wallClockCron(expression);
        const end = new Date(from).getTime() + 4 * 60 * 60_000;
        for (let t = nextFireTime(cron, 'America/New_York', new Date(from)); t && t.getTime() <= end; t = nextFireTime(cron, 'America/New_York', t)) fires.push(t.toISOString());
        expect(fires.length, `${expression} from ${from}`).toBeGreaterThan(0);
        expect(ticks, `${expression} from ${from}`).toEqual(fires);
      }
    }
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
    for (const expression of ['0 9 * * 1-5', '0 9 * * MON-FRI', '@daily', '*/15 8-18 * * *', '0 9 * * 7', '30 2 1,15 * *', '0 9 * * 0,6', '5-50/5 * * * *', '0 9 L * *', '0 9 * * 1#2']) {
      expect(cronProblem(expression)).toBeUndefined();
      expect(validate(expression)).toBe(true);
    }
  });
});
