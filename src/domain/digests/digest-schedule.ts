import { previousFireTime } from '../schedule/cron.js';

export { nextFireTime, previousFireTime } from '../schedule/cron.js';

/*
 * When a scheduled digest is due (SPEC §2, issue 6). Pure: the caller passes
 * the clock's time and the last digest the store recorded, so a restart never
 * posts a slot twice and a slot missed while the bot was down is posted once,
 * marked late.
 *
 * Fire times come from the one cron engine (../schedule/cron.ts). Across
 * daylight-saving changes a schedule keeps its local time ("0 9 * * *" in
 * Europe/Berlin is 08:00 UTC in winter, 07:00 UTC in summer); a local time
 * skipped when the clocks go forward fires at the first minute after the jump,
 * one repeated when they go back fires once, the first time.
 */

export interface DigestSchedule {
  /** Five-field cron expression, e.g. "0 9 * * 1-5". */
  schedule: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timezone: string;
}

export interface DigestDue {
  due: boolean;
  /** The slot is being posted more than `lateAfterMs` after its fire time (the bot was down). */
  late: boolean;
  /** The latest fire time at or before now; several missed slots collapse into this one. */
  slot?: Date;
}

/** "A few minutes": past this, a digest says it is late. */
export const LATE_AFTER_MS = 5 * 60_000;

/**
 * Whether the latest slot at or before `now` still needs a digest.
 * `lastPostedAt` is when the last scheduled digest was recorded (its slot or
 * its posting time): any record at or after the slot means it was posted.
 */
export function digestDue(
  schedule: DigestSchedule,
  lastPostedAt: Date | undefined,
  now: Date,
  lateAfterMs: number = LATE_AFTER_MS,
): DigestDue {
  const slot = previousFireTime(schedule.schedule, schedule.timezone, now);
  if (!slot) return { due: false, late: false };
  if (lastPostedAt && lastPostedAt.getTime() >= slot.getTime()) return { due: false, late: false, slot };
  return { due: true, late: now.getTime() - slot.getTime() > lateAfterMs, slot };
}
