import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { digestSchema } from '../../../src/config/digest-schema.js';
import { formatPath } from '../../../src/config/interpolate.js';
import { freezeWindowSchema } from '../../../src/config/schema.js';
import { nextFireTime, previousFireTime } from '../../../src/domain/digests/digest-schedule.js';
import { cronMatcher, wallClockCron } from '../../../src/schedule/cron-expression.js';

/*
 * Issue 12: one cron dialect for digests and freeze windows, read by node-cron.
 * One table of expressions goes through both config schemas (as they sit in
 * an environment, so messages read as the config loader prints them) and must
 * be accepted or refused identically, with the same reason under each key.
 * Then the valid ones run across both daylight-saving changes of 2026 in
 * Europe/Berlin and America/New_York, as freeze windows and as digest slots.
 */

const VALID = [
  '0 9 * * MON-FRI',
  '0 9 * * mon-fri',
  '0 9 * * Mon-Fri',
  '0 9 * * FRIDAY',
  '@daily',
  '@DAILY',
  '@weekly',
  '@monthly',
  '@yearly',
  '@annually',
  '@midnight',
  '@hourly',
  '*/15 8-18 * * 1-5',
  '0 17-23 * * FRI',
  '* 17-23 * * 5',
  '* * 24-26 12 *',
  '0 9 * jan,DEC *',
  '0 9 * JAN-MAR *',
  '0 9 * * 7',
  '0 9 * * 0,6',
  '* * * * 0-7',
  '5-50/5 * * * *',
  '0-59/15 * * * *',
  '0 9 * * 1-5/2',
  '0 9 29 2 *',
  '0 9 L * *',
  '0 9 1,L * *',
  '0 9 L-3 * *',
  '0 9 15W * *',
  '0 9 * * 1#2',
  '30 2 * * 0L',
  '30 2 * * SUN#5',
  '30 2 * * 0#2',
  '30 1 * * 0#1',
  '0 9 ? * 1',
  '30 2 * * *',
  '30 1 * * *',
  '*/30 2 * * *',
  '* 2 * * *',
  '* 1 * * *',
  ' 0  9 * * * ',
];

/** Each refused expression with the words its reason must contain. */
const INVALID: [string, RegExp][] = [
  ['', /^is empty: write five fields/],
  ['   ', /^is empty/],
  ['garbage', /has 1 field: write five fields/],
  ['every morning', /has 2 fields: write five fields/],
  ['* * *', /has 3 fields/],
  ['* * * * * *', /has 6 fields/],
  ['0 0 9 * * 1', /has 6 fields/],
  ['@weekly 0', /not a nickname node-cron knows/],
  ['@reboot', /not a nickname node-cron knows/],
  ['@every 5m', /not a nickname node-cron knows/],
  ['61 * * * *', /^minute field "61" is not valid \(0-59/],
  ['1-60 * * * *', /^minute field "1-60" is not valid/],
  ['*/0 * * * *', /^minute field "\*\/0" is not valid/],
  ['5/5 * * * *', /^minute field "5\/5" is not valid/],
  ['1,2,,3 * * * *', /^minute field "1,2,,3" is not valid/],
  ['x * * * *', /^minute field "x" is not valid/],
  ['? * * * *', /^minute field "\?" is not valid/],
  ['* 24 * * *', /^hour field "24" is not valid \(0-23/],
  ['* * 0 * *', /^day of month field "0" is not valid \(1-31/],
  ['* * 32 * *', /^day of month field "32" is not valid/],
  ['* * * 13 *', /^month field "13" is not valid \(1-12, JAN-DEC/],
  ['0 9 * FOO *', /^month field "FOO" is not valid/],
  ['* * * * 8', /^day of week field "8" is not valid \(0-7, SUN-SAT/],
  ['0 9 * * Funday', /^day of week field "Funday" is not valid/],
  ['1.5 * * * *', /is not valid cron: pattern includes illegal characters/],
  ['0\t9 * * *', /is not valid cron: pattern includes illegal characters/],
  ['0 9 31 2 *', /never fires/],
  ['0 9 30,31 2 *', /never fires/],
  ['0 0 L-30 2 *', /never fires/],
  ['0 9 1 * 1', /restrict the day of month or the day of week, not both/],
  ['0 9 1 * MON', /not both/],
  ['0 9 1-31 * 1-5', /not both/],
  ['0 9 */2 * 1', /not both/],
  ['0 9 L * 5L', /not both/],
];

const inEnvironment = z.strictObject({ digest: digestSchema.optional(), freeze: z.array(freezeWindowSchema).optional() });

function problems(environment: unknown): string[] {
  const parsed = inEnvironment.safeParse(environment);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

const asDigest = (schedule: unknown) => problems({ digest: { schedule, timezone: 'Europe/Berlin', channel: 'C0RELEASES' } });
const asFreeze = (cron: unknown) => problems({ freeze: [{ cron, timezone: 'Europe/Berlin' }] });

describe('one cron dialect for digests and freeze windows', () => {
  it(`given ${VALID.length} valid expressions, when parsed as a digest schedule and as a freeze window, then both accept each`, () => {
    for (const expression of VALID) {
      expect({ expression, problems: asDigest(expression) }).toEqual({ expression, problems: [] });
      expect({ expression, problems: asFreeze(expression) }).toEqual({ expression, problems: [] });
    }
  });

  it(`given ${INVALID.length} invalid expressions, when parsed as both, then both refuse each with the same reason naming the key`, () => {
    for (const [expression, reason] of INVALID) {
      // when
      const digest = asDigest(expression);
      const freeze = asFreeze(expression);

      // then
      expect(digest, expression).toHaveLength(1);
      expect(freeze, expression).toHaveLength(1);
      expect(digest[0], expression).toMatch(/^digest\.schedule: /);
      expect(freeze[0], expression).toMatch(/^freeze\[0\]\.cron: /);
      const digestReason = digest[0]!.replace(/^digest\.schedule: /, '');
      expect(freeze[0]!.replace(/^freeze\[0\]\.cron: /, ''), expression).toBe(digestReason);
      expect(digestReason, expression).toMatch(reason);
    }
  });

  it('given a missing or non-string expression and a bad time zone, when parsed as both, then the messages are the same', () => {
    expect(asDigest(undefined)).toEqual(['digest.schedule: must be a cron expression such as "0 9 * * MON-FRI" or "@daily"']);
    expect(asFreeze(undefined)).toEqual(['freeze[0].cron: must be a cron expression such as "0 9 * * MON-FRI" or "@daily"']);
    expect(asFreeze(42)).toEqual(['freeze[0].cron: must be a cron expression such as "0 9 * * MON-FRI" or "@daily"']);
    for (const timezone of ['Mars/Olympus', '+01:00', '']) {
      expect(problems({ digest: { schedule: '@daily', timezone, channel: 'C0RELEASES' } })).toEqual(['digest.timezone: must be an IANA time zone such as Europe/Berlin']);
      expect(problems({ freeze: [{ cron: '@daily', timezone }] })).toEqual(['freeze[0].timezone: must be an IANA time zone such as Europe/Berlin']);
    }
  });
});

const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString();

interface Change {
  zone: string;
  /** Real time around the change: from local 22:00 the evening before to a few hours after. */
  from: string;
  to: string;
  /** Spring: the first real minute after the clocks jump forward. */
  jump?: string;
  /** Autumn: the second pass of the repeated local hour, [from, to). */
  repeated?: [string, string];
}

const CHANGES: Record<string, Change> = {
  // 29 March: 02:00 CET -> 03:00 CEST at 01:00Z; 25 October: 03:00 CEST -> 02:00 CET at 01:00Z
  'Berlin spring': { zone: 'Europe/Berlin', from: '2026-03-28T21:00:00Z', to: '2026-03-29T04:00:00Z', jump: '2026-03-29T01:00:00.000Z' },
  'Berlin autumn': { zone: 'Europe/Berlin', from: '2026-10-24T20:00:00Z', to: '2026-10-25T04:00:00Z', repeated: ['2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'] },
  // 8 March: 02:00 EST -> 03:00 EDT at 07:00Z; 1 November: 02:00 EDT -> 01:00 EST at 06:00Z
  'New York spring': { zone: 'America/New_York', from: '2026-03-08T03:00:00Z', to: '2026-03-08T10:00:00Z', jump: '2026-03-08T07:00:00.000Z' },
  'New York autumn': { zone: 'America/New_York', from: '2026-11-01T02:00:00Z', to: '2026-11-01T10:00:00Z', repeated: ['2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z'] },
};

/** Digest fire times in [from, to). */
function fires(expression: string, { zone, from, to }: Pick<Change, 'zone' | 'from' | 'to'>): string[] {
  const cron = wallClockCron(expression);
  const out: string[] = [];
  const end = new Date(to).getTime();
  for (let t = nextFireTime(cron, zone, new Date(new Date(from).getTime() - 1)); t && t.getTime() < end; t = nextFireTime(cron, zone, t)) out.push(t.toISOString());
  return out;
}

/** Frozen minutes in [from, to). */
function frozen(expression: string, { zone, from, to }: Pick<Change, 'zone' | 'from' | 'to'>): string[] {
  const match = cronMatcher(expression, zone);
  const out: string[] = [];
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += MINUTE) if (match(new Date(t))) out.push(iso(t));
  return out;
}

describe('freeze windows and digest slots across the 2026 daylight-saving changes', () => {
  it('given 02:30 in Berlin, when it is skipped in spring and repeated in autumn, then freezes match the real minutes and the digest fires once each day', () => {
    const berlin = 'Europe/Berlin';
    expect(frozen('30 2 * * *', CHANGES['Berlin spring']!)).toEqual([]);
    expect(fires('30 2 * * *', CHANGES['Berlin spring']!)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(frozen('30 2 * * *', CHANGES['Berlin autumn']!)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    expect(fires('30 2 * * *', CHANGES['Berlin autumn']!)).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(previousFireTime(wallClockCron('30 2 * * *'), berlin, new Date('2026-10-25T01:45:00Z'))?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('given 01:30 and 02:30 in New York, when 02:30 is skipped on 8 March and 01:30 repeated on 1 November, then the same rules hold', () => {
    const newYork = 'America/New_York';
    expect(frozen('30 2 * * *', CHANGES['New York spring']!)).toEqual([]);
    expect(fires('30 2 * * *', CHANGES['New York spring']!)).toEqual(['2026-03-08T07:00:00.000Z']);
    expect(frozen('30 1 * * *', CHANGES['New York autumn']!)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
    expect(fires('30 1 * * *', CHANGES['New York autumn']!)).toEqual(['2026-11-01T05:30:00.000Z']);
    // and the day after, 02:30 EST and 01:30 EST again
    expect(fires('30 2 * * *', { zone: newYork, from: '2026-03-08T10:00:00Z', to: '2026-03-10T00:00:00Z' })).toEqual(['2026-03-09T06:30:00.000Z']);
    expect(fires('30 1 * * *', { zone: newYork, from: '2026-11-01T10:00:00Z', to: '2026-11-03T00:00:00Z' })).toEqual(['2026-11-02T06:30:00.000Z']);
    expect(previousFireTime(wallClockCron('30 1 * * *'), newYork, new Date('2026-11-01T06:45:00Z'))?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('given the hour of 02:00 frozen in Berlin and of 01:00 in New York, when the clocks change, then no minute is frozen in spring and 120 real minutes in autumn', () => {
    expect(frozen('* 2 * * *', { zone: 'Europe/Berlin', from: '2026-03-28T22:00:00Z', to: '2026-03-29T04:00:00Z' })).toHaveLength(0);
    expect(frozen('* 2 * * *', { zone: 'America/New_York', from: '2026-03-08T05:00:00Z', to: '2026-03-08T10:00:00Z' })).toHaveLength(0);
    const berlin = frozen('* 2 * * *', { zone: 'Europe/Berlin', from: '2026-10-24T22:00:00Z', to: '2026-10-25T04:00:00Z' });
    const newYork = frozen('* 1 * * *', { zone: 'America/New_York', from: '2026-11-01T03:00:00Z', to: '2026-11-01T09:00:00Z' });
    expect([berlin.length, berlin[0], berlin.at(-1)]).toEqual([120, '2026-10-25T00:00:00.000Z', '2026-10-25T01:59:00.000Z']);
    expect([newYork.length, newYork[0], newYork.at(-1)]).toEqual([120, '2026-11-01T05:00:00.000Z', '2026-11-01T06:59:00.000Z']);
  });

  it('given weekday mornings with names, @daily and Friday evenings, when the clocks change, then they keep their local time', () => {
    // 27 March 2026 and 6 March 2026 are Fridays
    expect(fires('0 9 * * MON-FRI', { zone: 'Europe/Berlin', from: '2026-03-27T00:00:00Z', to: '2026-03-31T00:00:00Z' })).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(fires('0 9 * * mon-fri', { zone: 'America/New_York', from: '2026-03-06T00:00:00Z', to: '2026-03-10T00:00:00Z' })).toEqual(['2026-03-06T14:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    expect(fires('@daily', { zone: 'Europe/Berlin', from: '2026-10-24T00:00:00Z', to: '2026-10-27T00:00:00Z' })).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z']);
    expect(fires('@daily', { zone: 'America/New_York', from: '2026-10-31T00:00:00Z', to: '2026-11-03T00:00:00Z' })).toEqual(['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(cronMatcher('0 17-23 * * FRI', 'Europe/Berlin')(new Date('2026-03-27T16:00:00Z'))).toBe(true);
    expect(cronMatcher('0 17-23 * * FRI', 'America/New_York')(new Date('2026-10-30T21:00:00Z'))).toBe(true);
  });

  // About 75,000 matcher calls: seconds of CPU, more on a loaded machine (the mutation run's vitest keeps the 5 s default).
  it(`given the ${VALID.length} valid expressions, when each change passes, then digests fire on frozen minutes but for the one right after a jump, and every frozen minute fires but for a repeated hour's second pass`, { timeout: 60_000 }, () => {
    for (const [name, change] of Object.entries(CHANGES)) {
      for (const expression of VALID) {
        // when
        const fired = fires(expression, change);
        const matched = frozen(expression, change);

        // then
        const firedNotFrozen = fired.filter((t) => !matched.includes(t));
        expect(firedNotFrozen.every((t) => t === change.jump), `${name} ${expression}: ${firedNotFrozen.join(' ')}`).toBe(true);
        const [from, to] = change.repeated ?? ['', ''];
        const frozenNotFired = matched.filter((t) => !fired.includes(t));
        expect(frozenNotFired.every((t) => t >= from && t < to), `${name} ${expression}: ${frozenNotFired.join(' ')}`).toBe(true);
      }
    }
  });

  it('given the last and the nth Sunday, when the change falls on it, then the skipped 02:30 fires right after the jump', () => {
    // 29 March is the last (and fifth) Sunday of March, 25 October the last of October, 8 March the second Sunday
    expect(fires('30 2 * * 0L', CHANGES['Berlin spring']!)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(fires('30 2 * * SUN#5', CHANGES['Berlin spring']!)).toEqual(['2026-03-29T01:00:00.000Z']);
    expect(fires('30 2 * * 0L', CHANGES['Berlin autumn']!)).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(fires('30 2 * * 0#2', CHANGES['New York spring']!)).toEqual(['2026-03-08T07:00:00.000Z']);
    expect(frozen('30 1 * * 0#1', CHANGES['New York autumn']!)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
  });
});
