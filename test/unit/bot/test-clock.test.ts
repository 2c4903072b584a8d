import { describe, expect, it } from 'vitest';
import { testClockFrom } from '../../../src/bot/test-clock.js';
import { ConfigError } from '../../../src/config/config-error.js';

const SANDBOX_SLACK = 'http://127.0.0.1:41234/slack/api/';

describe('SHIPMATE_TEST_CLOCK_OFFSET_MS (tests of the compiled program only)', () => {
  it('is not there unless set', () => {
    expect(testClockFrom({ SLACK_API_URL: SANDBOX_SLACK })).toBeUndefined();
    expect(testClockFrom({ SHIPMATE_TEST_CLOCK_OFFSET_MS: '' })).toBeUndefined();
  });

  it('moves the clock ahead by the offset while Slack is the sandbox on this machine', () => {
    // given
    const env = { SHIPMATE_TEST_CLOCK_OFFSET_MS: '360000', SLACK_API_URL: SANDBOX_SLACK };
    // when
    const shifted = testClockFrom(env)!;
    const before = Date.now();
    const now = shifted.clock.now().getTime();
    const after = Date.now();
    // then
    expect(shifted.offsetMs).toBe(360_000);
    expect(now).toBeGreaterThanOrEqual(before + 360_000);
    expect(now).toBeLessThanOrEqual(after + 360_000);
  });

  it.each([
    ['Slack itself (no SLACK_API_URL)', { SHIPMATE_TEST_CLOCK_OFFSET_MS: '360000' }],
    ['a Slack API elsewhere', { SHIPMATE_TEST_CLOCK_OFFSET_MS: '360000', SLACK_API_URL: 'https://slack.com/api/' }],
    ['a look-alike host', { SHIPMATE_TEST_CLOCK_OFFSET_MS: '360000', SLACK_API_URL: 'https://127.0.0.1.evil.example/api/' }],
    ['an offset that is not a whole number', { SHIPMATE_TEST_CLOCK_OFFSET_MS: '6 minutes', SLACK_API_URL: SANDBOX_SLACK }],
  ])('refuses to start with it set against %s', (_, env) => {
    expect(() => testClockFrom(env)).toThrow(ConfigError);
  });
});
