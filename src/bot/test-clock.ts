import { ConfigError } from '../config/config-error.js';
import { systemClock, type Clock } from '../ports/clock.port.js';

/**
 * FOR TESTS ONLY. Tests of the compiled program that need time to pass (a
 * start resumed more than CodeBuild's five minutes later) run it with its
 * clock moved ahead by this many milliseconds. Read by the composition root
 * alone, and honoured only while Slack is the sandbox on this machine
 * (SLACK_API_URL on a loopback address): a real deployment talking to Slack
 * refuses to start with it set.
 */
export const TEST_CLOCK_OFFSET_VARIABLE = 'SHIPMATE_TEST_CLOCK_OFFSET_MS';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The shifted clock the variable asks for, undefined when it is not set. */
export function testClockFrom(env: NodeJS.ProcessEnv): { clock: Clock; offsetMs: number } | undefined {
  const value = env[TEST_CLOCK_OFFSET_VARIABLE];
  if (value === undefined || value === '') return undefined;
  const offsetMs = Number(value);
  if (!Number.isSafeInteger(offsetMs)) throw new ConfigError([`${TEST_CLOCK_OFFSET_VARIABLE} must be a whole number of milliseconds, not "${value}"`]);
  if (!isLoopback(env.SLACK_API_URL)) {
    throw new ConfigError([`${TEST_CLOCK_OFFSET_VARIABLE} is for tests against the sandbox only (SLACK_API_URL on 127.0.0.1); unset it`]);
  }
  return { offsetMs, clock: { now: () => new Date(Date.now() + offsetMs), sleep: systemClock.sleep } };
}

function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}
