import { Cron } from 'croner';
import { CRON_OPTIONS } from '../../domain/schedule/cron.js';

/*
 * Runs a callback on a cron expression in an IANA time zone, with croner, the
 * engine that also validates expressions and computes digest slots and freeze
 * windows (src/domain/schedule/cron.ts), so a tick comes exactly at a slot
 * digestDue() knows. The callback is only a wake-up: the digest decides what
 * is due with digestDue() and the store, so a tick missed or doubled never
 * posts a slot twice.
 */

export interface CronJob {
  /** Stops and forgets the job; safe to call more than once. */
  stop(): Promise<void>;
}

export interface CronJobOptions {
  /**
   * Names the job for the caller's own reports. Not given to croner, whose
   * named jobs are process-wide and must be unique (two bots in one test
   * process would clash).
   */
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
  const job = new Cron(expression.trim(), { ...CRON_OPTIONS, timezone, protect: true, unref: true }, async (self) => {
    try {
      await onTick(self.currentRun() ?? new Date());
    } catch (error) {
      options.onError?.(error);
    }
  });
  return {
    stop() {
      job.stop();
      return Promise.resolve();
    },
  };
}
