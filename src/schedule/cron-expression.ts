import { createTask, parse, validateDetailed, type CronFieldError, type ParsedFields } from 'node-cron';
import type { WallClockCron } from '../domain/digests/digest-schedule.js';

/*
 * shipmate's one cron dialect (issue 12), for digest schedules and freeze
 * windows alike: what node-cron 4.6.0 reads in five fields (minute hour
 * day-of-month month day-of-week: numbers, names such as MON-FRI and JAN,
 * ranges, steps, lists, and its day tokens L, 15W, L-3, 5L, 1#2) or one of its
 * nicknames (@daily ...). node-cron both checks and matches; this module and
 * the scheduler are the only readers of the library, and nothing in shipmate
 * parses a field by hand.
 *
 * Refused on top of node-cron: six fields (seconds), an expression restricting
 * both day fields (node-cron requires both to match, classic cron either, so
 * a reader would take it the other way) and one that never fires.
 */

/** Each field as node-cron names it in its errors, with what it takes. */
const FIELDS: Record<string, [name: string, takes: string]> = {
  minute: ['minute', '0-59'],
  hour: ['hour', '0-23'],
  dayOfMonth: ['day of month', '1-31, L, 15W, L-3'],
  month: ['month', '1-12, JAN-DEC'],
  dayOfWeek: ['day of week', '0-7, SUN-SAT, 5L, 1#2'],
};
const FIVE_FIELDS = 'write five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily';
/** A day field left open; anything else restricts it. */
const OPEN_DAY = new Set(['*', '?']);
/** 2001-2028: the Gregorian calendar's weekdays and leap days repeat every 28 years (until 2100). */
const CYCLE_START = Date.UTC(2001, 0, 1, 12);
const DAY_MS = 24 * 60 * 60_000;
/** Noon of each day of the cycle, as an offset from its start. */
const CYCLE_OFFSETS = Array.from({ length: 28 * 365 + 7 }, (_, day) => day * DAY_MS);
const MINUTE_MS = 60_000;

/** Why an expression is not shipmate cron, or undefined when it is. Messages read after the config key. */
export function cronProblem(expression: string): string | undefined {
  const problem = formProblem(expression);
  if (problem) return problem;
  if (!firesWithinCycle(parse(expression.trim()))) return neverFires(expression);
  return undefined;
}

/** cronProblem short of the never-fires look, which walks a calendar cycle. */
function formProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text === '') return `is empty: ${FIVE_FIELDS}`;
  const nickname = text.startsWith('@');
  const fields = text.split(/\s+/);
  if (!nickname && fields.length !== 5) return `"${expression}" has ${fields.length} field${fields.length === 1 ? '' : 's'}: ${FIVE_FIELDS}`;
  const checked = validateDetailed(text);
  // node-cron lists at least one error for an expression it refuses.
  if (!checked.valid) return refusal(expression, nickname, checked.errors[0]!);
  // node-cron's nicknames all leave the day of week open.
  if (!nickname && !OPEN_DAY.has(fields[2]!) && !OPEN_DAY.has(fields[4]!)) {
    return 'restrict the day of month or the day of week, not both (write * in the other): cron would fire on either, node-cron only when both match';
  }
  return undefined;
}

const neverFires = (expression: string) => `"${expression}" never fires: no month it names has such a day`;

function refusal(expression: string, nickname: boolean, error: CronFieldError): string {
  if (nickname) return `"${expression}" is not a nickname node-cron knows: @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually`;
  // "31 2 is an impossible day of month for the given month": node-cron's words, which no field's token (never holding a space) can fake.
  if (error.message.includes(' is an impossible day of month ')) return neverFires(expression);
  const field = FIELDS[error.field];
  // A field's error always quotes the field's token.
  if (field) return `${field[0]} field "${error.value!}" is not valid (${field[1]}, with ranges, steps and lists)`;
  return `"${expression}" is not valid cron: ${error.message}`;
}

/** Whether the expression's days come round at all: some day of one whole calendar cycle matches. */
function firesWithinCycle(fields: ParsedFields): boolean {
  const day = matcherOf(dayOnly(fields), 'UTC');
  return CYCLE_OFFSETS.some((offset) =>
    // Stryker disable next-line ArithmeticOperator: the 28 years before 2001 are as whole a cycle as those after
    day(new Date(CYCLE_START + offset)),
  );
}

/**
 * Whether a real instant lies in a minute the expression names, read on the
 * clock of `timeZone` (freeze windows). A local minute that happens twice
 * when the clocks go back matches both times; one skipped when they go
 * forward never does. Throws on an expression cronProblem refuses.
 */
export function cronMatcher(expression: string, timeZone: string): (at: Date) => boolean {
  const match = matcherOf(minuteOf(fieldsOf(expression)), timeZone);
  return (at) => match(new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS));
}

/**
 * The expression read on a wall clock, for scanning digest fire times
 * (digest-schedule.ts): `hour` and `day` let a scan leap over the rest of a
 * local hour or day that cannot match.
 */
export function wallClockCron(expression: string): WallClockCron {
  const fields = fieldsOf(expression);
  const [minute, hour, day] = [minuteOf(fields), hourOnly(fields), dayOnly(fields)].map((pattern) => matcherOf(pattern, 'UTC'));
  return {
    minute: (wall) => minute!(new Date(wall)),
    hour: (wall) => hour!(new Date(wall)),
    day: (wall) => day!(new Date(wall)),
  };
}

function fieldsOf(expression: string): ParsedFields {
  const problem = formProblem(expression);
  if (problem) throw new Error(problem);
  return parse(expression.trim());
}

/*
 * node-cron's parse() gives each field as a list of values and tokens; joined
 * back into a six-field expression (seconds first) they make the minute
 * matcher and the any-time-of-the-hour / of-the-day matchers of a scan.
 */
const list = (values: readonly (number | string)[]) => values.join(',');
const days = (f: ParsedFields) => `${list(f.dayOfMonth)} ${list(f.month)} ${list(f.dayOfWeek)}`;
const minuteOf = (f: ParsedFields) => `0 ${list(f.minute)} ${list(f.hour)} ${days(f)}`;
const hourOnly = (f: ParsedFields) => `* * ${list(f.hour)} ${days(f)}`;
const dayOnly = (f: ParsedFields) => `* * * ${days(f)}`;

/** node-cron's matcher of a six-field pattern in a time zone. The task is never started and leaves node-cron's registry at once. */
function matcherOf(pattern: string, timeZone: string): (at: Date) => boolean {
  const task = createTask(pattern, () => undefined, { timezone: timeZone });
  void task.destroy();
  return (at) => task.match(at);
}
