import { Cron, type CronOptions } from 'croner';

/*
 * The one cron dialect of shipmate (issue 12), for digests and freeze windows
 * alike, read by one engine: croner. Standard five fields (minute hour
 * day-of-month month day-of-week) with names (JAN-DEC, SUN-SAT, any case),
 * lists, ranges and steps, or a nickname (@yearly @annually @monthly @weekly
 * @daily @midnight @hourly), always read in an IANA time zone.
 *
 * As in Vixie cron, when both day fields are restricted either may match, and
 * 0 and 7 are both Sunday. croner's extensions beyond that (L, W, #, ?) are
 * refused so that a config reads the same in any cron.
 *
 * Daylight-saving changes (croner's rule, close to Vixie cron): a schedule
 * with no wildcard or step in its minute and hour ("0 9", "30 2", "0 9,17")
 * keeps its local time; a local time skipped when the clocks go forward fires
 * at the first minute after the jump, and one repeated when they go back fires
 * once, the first time. A wildcard or stepped one ("*\/15 2 * * *") follows
 * the real clock: skipped minutes do not exist, repeated ones happen twice.
 * A freeze window freezes the minutes whose local time its fields match.
 *
 * croner is a pure calculation library (no I/O, no dependencies), not an SDK,
 * so the domain uses it directly rather than through a port.
 */

/** The engine's options for every use: five fields only, classic day matching, Vixie-like DST rule. */
export const CRON_OPTIONS = {
  mode: '5-part',
  domAndDow: false,
  fixedTimeRule: 'no-wildcard',
} as const satisfies CronOptions;

const MINUTE = 60_000;
const NICKNAME = /^@[a-z]+$/i;
/** croner's extensions that standard cron does not have: L (last), W (weekday), # (nth), ? */
const EXTENSION = /[?#]|(^|[\s,/-])L|\d[LW]\b/i;

function engine(expression: string, timeZone: string): Cron {
  return new Cron(expression.trim(), { ...CRON_OPTIONS, timezone: timeZone, paused: true });
}

/** Why an expression is not in the dialect, or never fires; undefined when it is fine. Used by both config schemas. */
export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (trimmed === '') return 'is empty: write five cron fields such as "0 9 * * 1-5" or a nickname such as @daily';
  const fields = trimmed.split(/\s+/).length;
  if (!NICKNAME.test(trimmed) && fields !== 5) {
    return `"${expression}" has ${fields} field${fields === 1 ? '' : 's'}: write five (minute hour day-of-month month day-of-week) or a nickname such as @daily`;
  }
  if (EXTENSION.test(trimmed)) return `"${expression}" uses L, W, # or ?, which standard cron does not have`;
  let cron: Cron;
  try {
    cron = engine(trimmed, 'UTC');
  } catch (error) {
    return `"${expression}" is not valid cron: ${engineMessage(error as Error)}`;
  }
  if (!cron.nextRun(new Date(0))) return `"${expression}" never fires: none of its months has those days`;
  return undefined;
}

const FIELD_RANGES: Record<string, string> = {
  minute: 'minute 0-59',
  hour: 'hour 0-23',
  day: 'day of month 1-31',
  month: 'month 1-12 or JAN-DEC',
  dayOfWeek: 'day of week 0-7 or SUN-SAT',
};

/** croner's message, with its zero-based values for days and months ("day: -1" for 0) replaced by the field's range. */
function engineMessage(error: Error): string {
  return error.message
    .replace(/^CronPattern:\s*/, '')
    .replace(/^Invalid value for (\w+): .*$/, (whole, field: string) => (FIELD_RANGES[field] ? `a value is outside ${FIELD_RANGES[field]}` : whole));
}

/** Whether the minute of `at` is one the expression matches, read in `timeZone` (a freeze window's test). */
export function cronMatches(expression: string, at: Date, timeZone: string): boolean {
  return engine(expression, timeZone).match(new Date(Math.floor(at.getTime() / MINUTE) * MINUTE));
}

/** The latest fire time at or before `before` (whole minutes), or undefined when it never fires. */
export function previousFireTime(expression: string, timeZone: string, before: Date): Date | undefined {
  const justAfter = new Date(Math.floor(before.getTime() / MINUTE) * MINUTE + 1000);
  return engine(expression, timeZone).previousRuns(1, justAfter)[0];
}

/** The earliest fire time strictly after `after`, or undefined when it never fires. */
export function nextFireTime(expression: string, timeZone: string, after: Date): Date | undefined {
  return engine(expression, timeZone).nextRun(after) ?? undefined;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
