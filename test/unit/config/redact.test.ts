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

describe('redact: credentials in URLs', () => {
  it.each([
    ['https://user:pw@host.example/health', 'https://user:[redacted]@host.example/health'],
    ['postgres://shipmate:pw@db/shipmate', 'postgres://shipmate:[redacted]@db/shipmate'],
    ['https://t0ken@host.example/', 'https://[redacted]@host.example/'],
    ['GET https://host.example/health?token=s3cr3t&x=1', 'GET https://host.example/health?token=[redacted]&x=1'],
    ['https://h.example/a?api_key=abc123#top', 'https://h.example/a?api_key=[redacted]#top'],
    ['https://b.s3.amazonaws.com/o?X-Amz-Credential=AK%2F1&X-Amz-Signature=deadbeef', 'https://b.s3.amazonaws.com/o?X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]'],
    ['https://h.example/cb?sig=abc&password=hunter2&secret=s', 'https://h.example/cb?sig=[redacted]&password=[redacted]&secret=[redacted]'],
  ])('%s', (text, expected) => {
    // given a URL holding a credential; when redacted; then only the credential is gone
    expect(redact(text)).toBe(expected);
  });

  it('leaves URLs without credentials alone', () => {
    expect(redact('https://host.example/health?page=2&sort=name and user@example.com')).toBe('https://host.example/health?page=2&sort=name and user@example.com');
  });
});
