/**
 * Whether a time matches a five-field cron expression (minute hour
 * day-of-month month day-of-week) in an IANA time zone. A freeze window is
 * the set of minutes its expression matches: "* 17-23 * * 5" is Friday
 * evening, "* * 24-26 12 *" is Christmas.
 */
export function cronMatches(expression: string, at: Date, timeZone: string): boolean {
  const fields = parseCron(expression);
  const parts = localParts(at, timeZone);
  const dayOfMonth = fields[2]!.has(parts.day);
  const dayOfWeek = fields[4]!.has(parts.weekday) || (parts.weekday === 0 && fields[4]!.has(7));
  // As in cron: when both day fields are restricted, either may match.
  const restricted = (i: number) => fields[i]!.size < FIELD_RANGES[i]![1] - FIELD_RANGES[i]![0] + 1;
  const day = restricted(2) && restricted(4) ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  return fields[0]!.has(parts.minute) && fields[1]!.has(parts.hour) && fields[3]!.has(parts.month) && day;
}

const FIELD_RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'];

/** Throws an Error naming the bad field; used by the config schema to refuse bad expressions at start-up. */
export function parseCron(expression: string): Set<number>[] {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`"${expression}" must have 5 fields (minute hour day-of-month month day-of-week)`);
  return fields.map((field, i) => parseField(field, FIELD_RANGES[i]!, FIELD_NAMES[i]!));
}

function parseField(field: string, [min, max]: readonly [number, number], name: string): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`${name} field "${field}" is not valid cron`);
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] ? Number(match[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`${name} field "${field}" is outside ${min}-${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function localParts(at: Date, timeZone: string) {
  const formatted = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    minute: 'numeric',
    hour: 'numeric',
    day: 'numeric',
    month: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => formatted.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    minute: Number(get('minute')),
    hour: Number(get('hour')),
    day: Number(get('day')),
    month: Number(get('month')),
    weekday: weekdays.indexOf(get('weekday')),
  };
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
