import { describe, expect, it } from 'vitest';
import { cronMatcher, cronProblem, wallClockCron } from '../../../src/schedule/cron-expression.js';

describe('cronProblem and the matchers, on expressions from YAML', () => {
  it('given a word with "impossible" in a field, when checked, then the field is refused, not taken for a day no month has', () => {
    expect(cronProblem('0 9 impossible * *')).toBe('day of month field "impossible" is not valid (1-31, L, 15W, L-3, with ranges, steps and lists)');
    expect(cronProblem('impossible 9 * * *')).toBe('minute field "impossible" is not valid (0-59, with ranges, steps and lists)');
  });

  it('given a day no month it names has, when checked, then it never fires', () => {
    expect(cronProblem('0 9 30 2 *')).toBe('"0 9 30 2 *" never fires: no month it names has such a day');
    expect(cronProblem('0 0 L-30 2 *')).toBe('"0 0 L-30 2 *" never fires: no month it names has such a day');
  });

  it('given an expression ending in a newline (a YAML block scalar), when checked and matched, then it reads as without', () => {
    // given
    const expression = '0 9 * * MON-FRI\n';
    const monday0900 = new Date('2026-03-02T09:00:00Z');
    // when / then
    expect(cronProblem(expression)).toBeUndefined();
    expect(cronMatcher(expression, 'UTC')(monday0900)).toBe(true);
    expect(wallClockCron(expression).minute(monday0900.getTime())).toBe(true);
  });
});
