import { describe, expect, it } from 'vitest';
import { RateLimits } from '../../../src/sandbox/slack/rate-limits.js';
import { RESPONSE_URL_LIFETIME_MS, ResponseUrls } from '../../../src/sandbox/slack/response-urls.js';
import { SlackTimestamps } from '../../../src/sandbox/slack/slack-timestamps.js';

describe('SlackTimestamps', () => {
  it('given a clock, when making timestamps, then they read as Slack ts values from that clock', () => {
    const timestamps = new SlackTimestamps(() => 1_700_000_000_123);

    expect(timestamps.next()).toBe('1700000000.123000');
  });

  it('given a clock that does not move, when making several timestamps, then each is unique and increasing', () => {
    const timestamps = new SlackTimestamps(() => 1_700_000_000_000);

    const made = [timestamps.next(), timestamps.next(), timestamps.next()];

    expect(made).toEqual(['1700000000.000000', '1700000000.000001', '1700000000.000002']);
  });

  it('given a clock that goes back, when making a timestamp, then it still increases', () => {
    let now = 1_700_000_010_000;
    const timestamps = new SlackTimestamps(() => now);
    const first = timestamps.next();
    now -= 5000;

    expect(Number(timestamps.next())).toBeGreaterThan(Number(first));
  });
});

describe('RateLimits', () => {
  it('given a method limited twice, when called three times, then the first two are limited and the third served', () => {
    const limits = new RateLimits();
    limits.add('chat.update', 2, 7);

    expect([limits.take('chat.update'), limits.take('chat.update'), limits.take('chat.update')]).toEqual([7, 7, undefined]);
    expect(limits.take('chat.postMessage')).toBeUndefined();
  });
});

describe('ResponseUrls', () => {
  it('given a fresh response_url, when checked, then it is usable', () => {
    const urls = new ResponseUrls(() => 0);

    expect(urls.refusal(urls.create('C1', 'U1'))).toBeUndefined();
  });

  it('given five uses, when checked, then it is used up', () => {
    const urls = new ResponseUrls(() => 0);
    const grant = urls.create('C1', 'U1');
    grant.uses = 5;

    expect(urls.refusal(grant)).toBe('Used url');
  });

  it('given the clock 30 minutes on and then a moment more, when checked, then it expires only after 30 minutes', () => {
    let now = 1000;
    const urls = new ResponseUrls(() => now);
    const grant = urls.create('C1', 'U1');

    now += RESPONSE_URL_LIFETIME_MS;
    expect(urls.refusal(grant)).toBeUndefined();
    now += 1;
    expect(urls.refusal(grant)).toBe('Expired url');
  });

  it('given two grants, when looked up, then each has its own id', () => {
    const urls = new ResponseUrls(() => 0);
    const a = urls.create('C1', 'U1');
    const b = urls.create('C1', 'U1');

    expect(a.id).not.toBe(b.id);
    expect(urls.get(a.id)).toBe(a);
    expect(urls.get('nope')).toBeUndefined();
  });
});
