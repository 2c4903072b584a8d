import { describe, expect, it } from 'vitest';
import { cronMatches, cronProblem, isTimeZone } from '../../src/domain/schedule/cron.js';

describe('cronMatches (freeze windows)', () => {
  it('matches Friday evening in the window\'s own time zone', () => {
    // 2026-11-27 is a Friday; 17:30 in Berlin is 16:30 UTC
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T16:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T15:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T16:30:00Z'), 'UTC')).toBe(false);
  });

  it('matches the whole minute: seconds within it do not matter', () => {
    expect(cronMatches('* 17-23 * * FRI', new Date('2026-11-27T16:30:59.999Z'), 'Europe/Berlin')).toBe(true);
    expect(cronMatches('30 17 * * *', new Date('2026-11-27T16:30:42Z'), 'Europe/Berlin')).toBe(true);
  });

  it('handles weekends (0 and 7 are Sunday), steps and lists', () => {
    expect(cronMatches('* * * * 6,7', new Date('2026-11-29T12:00:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('*/15 9 * * *', new Date('2026-11-23T09:30:00Z'), 'UTC')).toBe(true);
    expect(cronMatches('*/15 9 * * *', new Date('2026-11-23T09:31:00Z'), 'UTC')).toBe(false);
  });

  it('follows the local clock across a daylight-saving change', () => {
    // New York: 2026-11-01 02:00 EDT falls back to 01:00 EST; 09:00 local is 13:00 UTC before, 14:00 UTC after
    expect(cronMatches('* 9 * * *', new Date('2026-10-31T13:00:00Z'), 'America/New_York')).toBe(true);
    expect(cronMatches('* 9 * * *', new Date('2026-11-02T14:00:00Z'), 'America/New_York')).toBe(true);
    expect(cronMatches('* 9 * * *', new Date('2026-11-02T13:00:00Z'), 'America/New_York')).toBe(false);
  });

  it('refuses malformed expressions naming the field, and unknown zones', () => {
    expect(cronProblem('* 25 * * *')).toBe('"* 25 * * *" is not valid cron: a value is outside hour 0-23');
    expect(cronProblem('* * *')).toMatch(/^"\* \* \*" has 3 fields: write five/);
    expect(cronProblem('x * * * *')).toMatch(/^"x \* \* \* \*" is not valid cron: .*illegal characters/);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
