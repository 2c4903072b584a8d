import { describe, expect, it } from 'vitest';
import { redact, secretValues } from '../../../src/config/redact.js';

describe('redact', () => {
  it('blanks the values of secret environment variables and token shapes', () => {
    // given
    const env = { SLACK_BOT_TOKEN: 'not-a-real-but-secret-value', AWS_REGION: 'eu-west-1', HOME: '/root' };
    const text = 'token not-a-real-but-secret-value in eu-west-1, Bearer abcdefghijkl, key AKIAABCDEFGHIJKLMNOP, xoxb-1234567890-abcdef';
    // when
    const out = redact(text, secretValues(env));
    // then
    expect(out).toBe('token [redacted] in eu-west-1, Bearer [redacted], key [redacted], [redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('deployment/backend 2/2 available', ['sixchr'])).toBe('deployment/backend 2/2 available');
  });
});
