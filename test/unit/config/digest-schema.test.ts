import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { digestSchema } from '../../../src/config/digest-schema.js';
import { formatPath } from '../../../src/config/interpolate.js';

/** The schema as it sits in an environment, so messages read as the config loader prints them. */
const inEnvironment = z.strictObject({ digest: digestSchema });

function problemsOf(digest: unknown): string[] {
  const parsed = inEnvironment.safeParse({ digest });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

const good = { schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin', channel: 'C0RELEASES' };

describe('digestSchema', () => {
  it('given a weekday 09:00 Berlin digest, when parsing, then it is kept as written', () => {
    expect(digestSchema.parse(good)).toEqual(good);
  });

  it('given no time zone, when parsing, then UTC is assumed', () => {
    expect(digestSchema.parse({ schedule: '30 8 * * *', channel: 'G0SECRET' })).toEqual({ schedule: '30 8 * * *', timezone: 'UTC', channel: 'G0SECRET' });
  });

  it('given bad cron expressions, when parsing, then the schedule key is named with the reason', () => {
    expect(problemsOf({ ...good, schedule: '0 25 * * *' })).toEqual(['digest.schedule: hour field "25" is not valid (0-23, with ranges, steps and lists)']);
    expect(problemsOf({ ...good, schedule: '0 0 9 * * 1' })).toEqual([
      'digest.schedule: "0 0 9 * * 1" has 6 fields: write five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily',
    ]);
    expect(problemsOf({ ...good, schedule: 'every morning' })).toEqual([
      'digest.schedule: "every morning" has 2 fields: write five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily',
    ]);
    expect(problemsOf({ ...good, schedule: '0 9 * * Funday' })).toEqual([
      'digest.schedule: day of week field "Funday" is not valid (0-7, SUN-SAT, 5L, 1#2, with ranges, steps and lists)',
    ]);
  });

  it('given day names and a nickname, when parsing, then they are accepted', () => {
    expect(problemsOf({ ...good, schedule: '0 9 * * MON' })).toEqual([]);
    expect(problemsOf({ ...good, schedule: '0 9 * * MON-FRI' })).toEqual([]);
    expect(problemsOf({ ...good, schedule: '@daily' })).toEqual([]);
  });

  it('given an expression that never fires or that cron and node-cron read differently, when parsing, then it is refused', () => {
    expect(problemsOf({ ...good, schedule: '0 9 31 2,4 *' })).toEqual(['digest.schedule: "0 9 31 2,4 *" never fires: no month it names has such a day']);
    expect(problemsOf({ ...good, schedule: '0 9 1 * 1' })).toEqual([
      'digest.schedule: restrict the day of month or the day of week, not both (write * in the other): cron would fire on either, node-cron only when both match',
    ]);
    expect(problemsOf({ ...good, schedule: '0 9 29 2 *' })).toEqual([]);
  });

  it('given unknown or non-IANA time zones, when parsing, then the timezone key is named', () => {
    for (const timezone of ['Mars/Olympus', 'Europe/Berlinn', '+01:00', '']) {
      expect(problemsOf({ ...good, timezone })).toEqual(['digest.timezone: must be an IANA time zone such as Europe/Berlin']);
    }
    expect(problemsOf({ ...good, timezone: 'America/New_York' })).toEqual([]);
  });

  it('given a channel name or a DM id instead of a channel id, when parsing, then the channel key is named', () => {
    for (const channel of ['#releases', 'releases', 'D0DIRECT', 'c0releases']) {
      expect(problemsOf({ ...good, channel })).toEqual(['digest.channel: must be a Slack channel id (C… or G…), not a name such as #releases']);
    }
  });

  it('given a missing schedule and an unknown key, when parsing, then both are reported at their keys', () => {
    const problems = problemsOf({ timezone: 'UTC', channel: 'C0RELEASES', cron: '0 9 * * *' });

    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('digest.schedule: must be a cron expression such as "0 9 * * MON-FRI" or "@daily"');
    expect(problems[1]).toMatch(/^digest: .*cron/);
  });
});
