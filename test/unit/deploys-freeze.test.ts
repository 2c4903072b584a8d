import { describe, expect, it } from 'vitest';
import { cronMatches, isTimeZone, parseCron } from '../../src/domain/deploys/cron-match.js';

describe('cronMatches (freeze windows)', () => {
  it('matches Friday evening in the window\'s own time zone', () => {
    // 2026-11-27 is a Friday; 17:30 in Berlin is 16:30 UTC
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T16:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T15:30:00Z'), 'Europe/Berlin')).toBe(false);
    expect(cronMatches('* 17-23 * * 5', new Date('2026-11-27T16:30:00Z'), 'UTC')).toBe(false);
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
    expect(() => parseCron('* 25 * * *')).toThrow('hour field "25" is outside 0-23');
    expect(() => parseCron('* * *')).toThrow('must have 5 fields');
    expect(() => parseCron('x * * * *')).toThrow('minute field "x" is not valid cron');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
