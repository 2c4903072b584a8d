import { schedule } from 'node-cron';

/*
 * Runs a callback on a five-field cron expression in an IANA time zone, with
 * node-cron v4 (`schedule()` starts the task at once). The callback is only a
 * wake-up: the digest decides what is due with digestDue() and the store, so
 * a tick node-cron misses or doubles never posts a slot twice.
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
  const task = schedule(
    expression,
    async (context) => {
      try {
        await onTick(context.date);
      } catch (error) {
        options.onError?.(error);
      }
    },
    { timezone, noOverlap: true, ...(options.name ? { name: options.name } : {}) },
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
