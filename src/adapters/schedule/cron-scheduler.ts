import { schedule } from 'node-cron';
import { isFireTime } from '../../domain/digests/digest-schedule.js';
import { wallClockCron } from '../../schedule/cron-expression.js';

/*
 * Runs a callback at the fire times of a cron expression (shipmate's dialect,
 * src/schedule/cron-expression.ts) in an IANA time zone, with node-cron v4.
 * node-cron wakes every minute and its matchers decide, through
 * isFireTime(), whether the minute is a fire time: so the wake-ups are the
 * digest's own slots across daylight-saving changes too (a local minute the
 * clocks skip fires right after the jump, a repeated one once, the first
 * time), where node-cron's own schedule would skip the first and run the
 * second late. The callback is still only a wake-up: the digest decides what
 * is due with digestDue() and the store, so a missed or doubled wake-up never
 * posts a slot twice.
 */

export interface CronJob {
  /** Stops and forgets the task; safe to call more than once. */
  stop(): Promise<void>;
}

export interface CronJobOptions {
  /** Shown in node-cron's own logs. */
  name?: string;
  /** A tick that throws or rejects is reported here instead of escaping. */
  onError?: (error: unknown) => void;
}

export function scheduleCron(
  expression: string,
  timezone: string,
  onTick: (firedAt: Date) => void | Promise<void>,
  options: CronJobOptions = {},
): CronJob {
  const cron = wallClockCron(expression);
  const task = schedule(
    '* * * * *',
    async (context) => {
      try {
        if (isFireTime(cron, timezone, context.date)) await onTick(context.date);
      } catch (error) {
        options.onError?.(error);
      }
    },
    { timezone: 'UTC', noOverlap: true, ...(options.name ? { name: options.name } : {}) },
  );
  let stopped = false;
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await task.destroy();
    },
  };
}
