import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSlackConnection, SlackStartError, slackFailureCause, slackHost } from '../../../src/bot/slack-preflight.js';
import { freePort } from '../../../scripts/run-compiled-bot.js';

describe('slackHost', () => {
  it('is slack.com without SLACK_API_URL, and the host (with port, without user-info) of SLACK_API_URL', () => {
    expect(slackHost(undefined)).toBe('slack.com');
    expect(slackHost('http://127.0.0.1:4567/api/')).toBe('127.0.0.1:4567');
    expect(slackHost('https://user:hunter22@proxy.example:8443/api/')).toBe('proxy.example:8443');
    expect(slackHost('not a url')).toBe('SLACK_API_URL');
  });
});

describe('slackFailureCause', () => {
  it("gives Slack's error code, an HTTP status, or the socket's error code", () => {
    expect(slackFailureCause({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_auth' } })).toBe('invalid_auth');
    expect(slackFailureCause({ code: 'slack_webapi_http_error', statusCode: 503 })).toBe('HTTP 503');
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    expect(slackFailureCause({ code: 'slack_webapi_request_error', original: refused })).toBe('ECONNREFUSED');
    expect(slackFailureCause({ code: 'slack_webapi_request_error', original: new DOMException('timed out', 'TimeoutError') })).toBe('no answer in time');
  });
});

describe('checkSlackConnection', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  const slackAnswering = async (answer: (body: string) => unknown): Promise<string> => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body))));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  };

  it('resolves when auth.test accepts the bot token', async () => {
    // given
    const url = await slackAnswering(() => ({ ok: true, user_id: 'U0BOT' }));
    // when / then
    await expect(checkSlackConnection({ botToken: 'xoxb-good-token-123', slackApiUrl: url, timeoutMs: 5_000 })).resolves.toBeUndefined();
  });

  it('fails at once with the host and invalid_auth when Slack refuses the token, the token in neither', async () => {
    // given
    const url = await slackAnswering(() => ({ ok: false, error: 'invalid_auth' }));
    // when
    const error = await checkSlackConnection({ botToken: 'xoxb-wrong-token-123', slackApiUrl: url, timeoutMs: 5_000 }).catch((e: unknown) => e);
    // then
    expect(error).toBeInstanceOf(SlackStartError);
    expect((error as Error).message).toBe(`cannot connect to Slack at ${new URL(url).host}: invalid_auth`);
    expect((error as Error).message).not.toContain('xoxb');
  });

  it('fails without retrying when nothing listens, naming ECONNREFUSED', async () => {
    // given
    const port = await freePort();
    // when
    const error = await checkSlackConnection({ botToken: 'xoxb-good-token-123', slackApiUrl: `http://127.0.0.1:${port}/api/`, timeoutMs: 5_000 }).catch((e: unknown) => e);
    // then
    expect((error as Error).message).toBe(`cannot connect to Slack at 127.0.0.1:${port}: ECONNREFUSED`);
  });
});
