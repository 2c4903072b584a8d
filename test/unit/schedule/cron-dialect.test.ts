import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { digestSchema } from '../../../src/config/digest-schema.js';
import { formatPath } from '../../../src/config/interpolate.js';
import { freezeWindowSchema } from '../../../src/config/schema.js';
import { cronMatches, nextFireTime, previousFireTime } from '../../../src/domain/schedule/cron.js';

/*
 * Issue 12: one cron dialect for digests and freeze windows. One table of
 * expressions goes through both config schemas (as they sit in an
 * environment, so messages read as the config loader prints them) and must be
 * accepted or refused identically, with the same reason under each key.
 */

const VALID = [
  '0 9 * * MON-FRI',
  '0 9 * * mon-fri',
  '0 9 * * Mon-Fri',
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
  '0 9 * * 7',
  '0 9 * * 0,6',
  '* * * * 0-7',
  '5-50/5 * * * *',
  '0-59/15 * * * *',
  '0 9 * * 1-5/2',
  '0 9 1 * 1',
  '0 9 29 2 *',
  '30 2 * * *',
  '*/30 2 * * *',
  ' 0  9 * * * ',
];

/** Each refused expression with the words its reason must contain. */
const INVALID: [string, RegExp][] = [
  ['', /is empty/],
  ['   ', /is empty/],
  ['garbage', /has 1 field: write five/],
  ['every morning', /has 2 fields: write five/],
  ['* * *', /has 3 fields: write five/],
  ['* * * * * *', /has 6 fields: write five/],
  ['0 0 9 * * 1', /has 6 fields: write five/],
  ['@weekly 0', /has 2 fields: write five/],
  ['61 * * * *', /outside minute 0-59/],
  ['1-60 * * * *', /outside minute 0-59/],
  ['* 24 * * *', /outside hour 0-23/],
  ['* * 0 * *', /outside day of month 1-31/],
  ['* * 32 * *', /outside day of month 1-31/],
  ['* * * 13 *', /outside month 1-12/],
  ['* * * * 8', /outside day of week 0-7/],
  ['0 9 * * 7-1', /not valid cron/],
  ['*/0 * * * *', /not valid cron/],
  ['5/5 * * * *', /not valid cron/],
  ['1,2,,3 * * * *', /not valid cron/],
  ['x * * * *', /not valid cron/],
  ['1.5 * * * *', /not valid cron/],
  ['0 9 * * FRIDAY', /not valid cron/],
  ['0 9 * FOO *', /not valid cron/],
  ['@reboot', /not valid cron/],
  ['@every 5m', /has 2 fields/],
  ['@sometimes', /not valid cron/],
  ['0 9 31 2 *', /never fires/],
  ['0 9 30,31 2 *', /never fires/],
  ['0 9 L * *', /L, W, # or \?/],
  ['0 9 15W * *', /L, W, # or \?/],
  ['0 9 * * 5#2', /L, W, # or \?/],
  ['0 9 * * 5L', /L, W, # or \?/],
  ['0 9 ? * *', /L, W, # or \?/],
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
    expect(asDigest(undefined)).toEqual(['digest.schedule: must be a cron expression such as "0 9 * * 1-5" or @daily']);
    expect(asFreeze(undefined)).toEqual(['freeze[0].cron: must be a cron expression such as "0 9 * * 1-5" or @daily']);
    expect(asFreeze(42)).toEqual(['freeze[0].cron: must be a cron expression such as "0 9 * * 1-5" or @daily']);
    for (const timezone of ['Mars/Olympus', '+01:00', '']) {
      expect(problems({ digest: { schedule: '@daily', timezone, channel: 'C0RELEASES' } })).toEqual(['digest.timezone: must be an IANA time zone such as Europe/Berlin']);
      expect(problems({ freeze: [{ cron: '@daily', timezone }] })).toEqual(['freeze[0].timezone: must be an IANA time zone such as Europe/Berlin']);
    }
  });
});

const BERLIN = 'Europe/Berlin';
const MINUTE = 60_000;
/** 2026's daylight-saving changes in Berlin: forward at 01:00 UTC on 29 March (02:00 CET → 03:00 CEST), back at 01:00 UTC on 25 October (03:00 CEST → 02:00 CET). */
const SPRING = { from: '2026-03-28T22:00:00Z', to: '2026-03-29T04:00:00Z', jump: '2026-03-29T01:00:00.000Z' };
const AUTUMN = { from: '2026-10-24T22:00:00Z', to: '2026-10-25T04:00:00Z', repeatedFrom: '2026-10-25T01:00:00Z', repeatedTo: '2026-10-25T02:00:00Z' };

function fires(expression: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = nextFireTime(expression, BERLIN, new Date(new Date(from).getTime() - 1)); t && t.getTime() < new Date(to).getTime(); t = nextFireTime(expression, BERLIN, t)) {
    out.push(t.toISOString());
  }
  return out;
}

function matched(expression: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += MINUTE) if (cronMatches(expression, new Date(t), BERLIN)) out.push(new Date(t).toISOString());
  return out;
}

describe('matching (freeze windows) and firing (digests) across 2026\'s daylight-saving changes in Europe/Berlin', () => {
  it('given 02:30 every day, when 02:30 does not exist on 29 March, then nothing is frozen and the digest fires once, at 03:00 CEST', () => {
    expect(matched('30 2 * * *', SPRING.from, SPRING.to)).toEqual([]);
    expect(fires('30 2 * * *', SPRING.from, SPRING.to)).toEqual([SPRING.jump]);
  });

  it('given 02:30 every day, when 02:30 happens twice on 25 October, then both minutes are frozen and the digest fires once, the first time', () => {
    expect(matched('30 2 * * *', AUTUMN.from, AUTUMN.to)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    expect(fires('30 2 * * *', AUTUMN.from, AUTUMN.to)).toEqual(['2026-10-25T00:30:00.000Z']);
    expect(previousFireTime('30 2 * * *', BERLIN, new Date('2026-10-25T01:45:00Z'))?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('given the hour of 02:00 frozen, when the clocks change, then no minute is frozen in spring and 120 real minutes in autumn', () => {
    expect(matched('* 2 * * *', SPRING.from, SPRING.to)).toHaveLength(0);
    const autumn = matched('* 2 * * *', AUTUMN.from, AUTUMN.to);
    expect(autumn).toHaveLength(120);
    expect([autumn[0], autumn.at(-1)]).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T01:59:00.000Z']);
  });

  it('given a stepped schedule in the changing hour, when the clocks change, then it follows the real clock: none in the gap, twice in the repeated hour', () => {
    expect(fires('*/30 2 * * *', SPRING.from, SPRING.to)).toEqual([]);
    expect(fires('*/30 2 * * *', AUTUMN.from, AUTUMN.to)).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
  });

  it('given @daily and weekday mornings with names, when the clocks change, then they keep their local time', () => {
    expect(fires('@daily', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z']);
    expect(fires('@daily', '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z']);
    // 27 March and 23 October are Fridays
    expect(fires('0 9 * * MON-FRI', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect(fires('0 9 * * mon-fri', '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual(['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    expect(cronMatches('0 17-23 * * FRI', new Date('2026-03-27T16:00:00Z'), BERLIN)).toBe(true);
    expect(cronMatches('0 17-23 * * FRI', new Date('2026-10-23T15:00:00Z'), BERLIN)).toBe(true);
  });

  it(`given every valid expression of the table, when both changes pass, then digests fire on frozen minutes only, but for the one right after the jump, and every frozen minute fires but for the repeated hour's second pass`, () => {
    for (const expression of VALID) {
      for (const { from, to } of [SPRING, AUTUMN]) {
        // when
        const fired = fires(expression, from, to);
        const frozen = matched(expression, from, to);

        // then
        const firedButNotFrozen = fired.filter((t) => !frozen.includes(t));
        expect(firedButNotFrozen.every((t) => t === SPRING.jump), `${expression}: ${firedButNotFrozen.join(' ')}`).toBe(true);
        const frozenButNotFired = frozen.filter((t) => !fired.includes(t));
        const inRepeatedHour = (t: string) => t >= new Date(AUTUMN.repeatedFrom).toISOString() && t < new Date(AUTUMN.repeatedTo).toISOString();
        expect(frozenButNotFired.every(inRepeatedHour), `${expression}: ${frozenButNotFired.join(' ')}`).toBe(true);
      }
    }
  });
});
