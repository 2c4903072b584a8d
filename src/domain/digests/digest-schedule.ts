/*
 * When a scheduled digest is due (SPEC §2, issue 6). Pure: the caller passes
 * the clock's time and the last digest the store recorded, so a restart never
 * posts a slot twice and a slot missed while the bot was down is posted once,
 * marked late.
 *
 * Fire times are real minutes whose wall-clock time in the zone matches the
 * cron expression, found minute by minute (leaping over local days and hours
 * that cannot match). The caller's WallClockCron reads the expression
 * (node-cron, src/schedule/cron-expression.ts): this file parses no cron.
 * Across daylight-saving changes a schedule keeps its local time ("0 9 * * *"
 * in Europe/Berlin is 08:00 UTC in winter, 07:00 UTC in summer). A local
 * minute skipped when the clocks go forward fires at the first minute after
 * the jump (as cron does); a local minute repeated when the clocks go back
 * fires once, the first time.
 */

/**
 * A cron expression read on a wall clock: each test takes "local epoch"
 * milliseconds (the UTC instant that reads the same as the local clock);
 * `hour` and `day` say whether any minute of that local hour or day can match.
 */
export interface WallClockCron {
  minute(wall: number): boolean;
  hour(wall: number): boolean;
  day(wall: number): boolean;
}

export interface DigestSchedule {
  /** The schedule's expression, e.g. "0 9 * * MON-FRI", read by a cron engine. */
  cron: WallClockCron;
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

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Far enough to find a 29 February. */
const HORIZON = (4 * 366 + 2) * DAY;
/** Larger than any daylight-saving shift. */
const MARGIN = 3 * 60 * MINUTE;

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
  const slot = previousFireTime(schedule.cron, schedule.timezone, now);
  if (!slot) return { due: false, late: false };
  if (lastPostedAt && lastPostedAt.getTime() >= slot.getTime()) return { due: false, late: false, slot };
  return { due: true, late: now.getTime() - slot.getTime() > lateAfterMs, slot };
}

/** The latest fire time at or before `before` (whole minutes), or undefined when none within four years. */
export function previousFireTime(cron: WallClockCron, timezone: string, before: Date): Date | undefined {
  const scan = new Scanner(cron, timezone);
  let t = Math.floor(before.getTime() / MINUTE) * MINUTE;
  for (const end = t - HORIZON; t >= end; ) {
    if (scan.fires(t)) return new Date(t);
    t -= scan.skip(t, -1);
  }
  return undefined;
}

/** Whether the whole minute of `at` is a fire time: what the scheduler asks every minute. */
export function isFireTime(cron: WallClockCron, timezone: string, at: Date): boolean {
  return new Scanner(cron, timezone).fires(Math.floor(at.getTime() / MINUTE) * MINUTE);
}

/** The earliest fire time strictly after `after`, or undefined when none within four years. */
export function nextFireTime(cron: WallClockCron, timezone: string, after: Date): Date | undefined {
  const scan = new Scanner(cron, timezone);
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  for (const end = t + HORIZON; t <= end; ) {
    if (scan.fires(t)) return new Date(t);
    t += scan.skip(t, 1);
  }
  return undefined;
}

function startOfDay(wall: number): number {
  return Math.floor(wall / DAY) * DAY;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting with it. */
function wallClockFormat(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timezone, format);
  }
  return format;
}

/**
 * Wall-clock times are kept as "local epoch" milliseconds: the UTC instant
 * that reads the same as the local clock, so UTC getters give local fields.
 */
class Scanner {
  private readonly format: Intl.DateTimeFormat;
  private readonly walls = new Map<number, number>();

  constructor(
    private readonly cron: WallClockCron,
    timezone: string,
  ) {
    this.format = wallClockFormat(timezone);
  }

  /** Whether the real minute `t` is a fire time. */
  fires(t: number): boolean {
    const wall = this.wall(t);
    if (this.cron.minute(wall)) return !this.repeated(t, wall);
    // Skipped local minutes lie within MARGIN before `wall`, so on its day or the one before.
    if (!this.cron.day(wall) && !this.cron.day(wall - MARGIN)) return false;
    // The first minute after the clocks went forward fires for the local minutes skipped.
    const previous = this.wall(t - MINUTE);
    for (let skipped = previous + MINUTE; skipped < wall && wall - previous <= MARGIN; skipped += MINUTE) {
      if (this.cron.minute(skipped)) return true;
    }
    return false;
  }

  /** The local minute already happened within the last hours (the clocks went back). */
  private repeated(t: number, wall: number): boolean {
    // Local time moved at least as far as real time over MARGIN: the clocks did not go back (zones change at most once within hours).
    if (this.wall(t - MARGIN) <= wall - MARGIN) return false;
    for (let back = MINUTE; back <= MARGIN; back += MINUTE) {
      const earlier = this.wall(t - back);
      if (earlier === wall) return true;
      // Local time still behind by exactly `back`: no change of offset in between, nothing repeated further back.
      if (earlier === wall - back && back >= 60 * MINUTE) return false;
    }
    return false;
  }

  /**
   * How far (ms) to move from a real minute that does not fire, in `direction`:
   * past the rest of a local day or hour that cannot match, when the local
   * clock moves exactly as much as real time over the jump (no
   * daylight-saving change in between); otherwise one minute.
   */
  skip(t: number, direction: 1 | -1): number {
    const wall = this.wall(t);
    const at = new Date(wall);
    let jump = MINUTE;
    if (!this.cron.day(wall)) {
      jump = direction === 1 ? startOfDay(wall) + DAY - wall : wall - startOfDay(wall) + MINUTE;
    } else if (!this.cron.hour(wall)) {
      jump = (direction === 1 ? 60 - at.getUTCMinutes() : at.getUTCMinutes() + 1) * MINUTE;
    }
    if (jump > MINUTE && this.wall(t + direction * jump) !== wall + direction * jump) return MINUTE;
    return jump;
  }

  wall(t: number): number {
    const cached = this.walls.get(t);
    if (cached !== undefined) return cached;
    const parts = this.format.formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    this.walls.set(t, wall);
    return wall;
  }
}
