import { describe, expect, it } from 'vitest';
import { cronMatcher, cronProblem } from '../../src/schedule/cron-expression.js';

const matches = (cron: string, at: string, timeZone: string) => cronMatcher(cron, timeZone)(new Date(at));

describe('cronMatcher (freeze windows)', () => {
  it("given a Friday-evening window, when asked in and out of it, then it follows the window's own time zone", () => {
    // 2026-11-27 is a Friday; 17:30 in Berlin is 16:30 UTC
    expect(matches('* 17-23 * * 5', '2026-11-27T16:30:00Z', 'Europe/Berlin')).toBe(true);
    expect(matches('* 17-23 * * FRI', '2026-11-27T16:30:00Z', 'Europe/Berlin')).toBe(true);
    expect(matches('* 17-23 * * 5', '2026-11-27T15:30:00Z', 'Europe/Berlin')).toBe(false);
    expect(matches('* 17-23 * * 5', '2026-11-27T16:30:00Z', 'UTC')).toBe(false);
  });

  it('given weekends (0 and 7 are Sunday), steps and lists, when matching, then only the named minutes match', () => {
    expect(matches('* * * * 6,7', '2026-11-29T12:00:00Z', 'UTC')).toBe(true);
    expect(matches('* * * * SAT,SUN', '2026-11-29T12:00:00Z', 'UTC')).toBe(true);
    expect(matches('*/15 9 * * *', '2026-11-23T09:30:00Z', 'UTC')).toBe(true);
    expect(matches('*/15 9 * * *', '2026-11-23T09:31:00Z', 'UTC')).toBe(false);
  });

  it('given an instant within a matching minute, when matching, then its seconds do not matter', () => {
    expect(matches('30 9 * * *', '2026-11-23T09:30:59.999Z', 'UTC')).toBe(true);
    expect(matches('30 9 * * *', '2026-11-23T09:31:00.000Z', 'UTC')).toBe(false);
  });

  it('given MON-FRI and @daily, which the old freeze parser refused, when matching, then they work as for digests', () => {
    // 2026-11-23 is a Monday, 2026-11-28 a Saturday
    expect(matches('* 9-17 * * MON-FRI', '2026-11-23T10:00:00Z', 'UTC')).toBe(true);
    expect(matches('* 9-17 * * MON-FRI', '2026-11-28T10:00:00Z', 'UTC')).toBe(false);
    expect(matches('@daily', '2026-11-28T00:00:00Z', 'UTC')).toBe(true);
    expect(matches('@daily', '2026-11-28T00:01:00Z', 'UTC')).toBe(false);
  });

  it('follows the local clock across a daylight-saving change', () => {
    // New York: 2026-11-01 02:00 EDT falls back to 01:00 EST; 09:00 local is 13:00 UTC before, 14:00 UTC after
    expect(matches('* 9 * * *', '2026-10-31T13:00:00Z', 'America/New_York')).toBe(true);
    expect(matches('* 9 * * *', '2026-11-02T14:00:00Z', 'America/New_York')).toBe(true);
    expect(matches('* 9 * * *', '2026-11-02T13:00:00Z', 'America/New_York')).toBe(false);
  });

  it('given an expression the dialect refuses, when building a matcher, then it throws the reason', () => {
    expect(() => cronMatcher('* 25 * * *', 'UTC')).toThrow('hour field "25" is not valid');
    expect(() => cronMatcher('0 * 9 * * 1', 'UTC')).toThrow('has 6 fields');
    expect(cronProblem('x * * * *')).toBe('minute field "x" is not valid (0-59, with ranges, steps and lists)');
  });
});
