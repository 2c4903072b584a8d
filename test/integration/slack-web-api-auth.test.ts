import { LogLevel, WebClient, WebClientEvent, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

let sandbox: Sandbox;
let apiUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  apiUrl = `${sandbox.url}/slack/api/`;
});

afterAll(async () => {
  await sandbox.close();
});

const client = (token: string | undefined, options: ConstructorParameters<typeof WebClient>[1] = {}) =>
  new WebClient(token, { slackApiUrl: apiUrl, logLevel: LogLevel.ERROR, ...options });

async function errorCode(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  if (!error) throw new Error('expected the call to fail');
  return error.data.error;
}

describe('Slack sandbox Web API: tokens', () => {
  it('given the bot token, when calling auth.test, then it names the bot, its team and its app install', async () => {
    const answer = await client(SANDBOX_SLACK_BOT_TOKEN).auth.test();

    expect(answer).toMatchObject({
      ok: true,
      url: 'https://shop-sandbox.slack.com/',
      team: 'shop-sandbox',
      team_id: 'T0SANDBOX',
      user_id: 'U0SHIPMATE',
      bot_id: 'B0SHIPMATE',
      is_enterprise_install: false,
    });
  });

  it('given no token, when calling a method, then not_authed', async () => {
    expect(await errorCode(client(undefined).auth.test())).toBe('not_authed');
  });

  it('given an unknown token, when calling a method, then invalid_auth', async () => {
    expect(await errorCode(client('xoxb-someone-elses-token').chat.postMessage({ channel: 'C0RELEASES', text: 'x' }))).toBe('invalid_auth');
  });

  it('given the app token on a bot method, or the bot token on apps.connections.open, then not_allowed_token_type', async () => {
    expect(await errorCode(client(SANDBOX_SLACK_APP_TOKEN).chat.postMessage({ channel: 'C0RELEASES', text: 'x' }))).toBe('not_allowed_token_type');
    expect(await errorCode(client(SANDBOX_SLACK_BOT_TOKEN).apps.connections.open())).toBe('not_allowed_token_type');
  });

  it('given a method the sandbox does not serve, when calling it, then unknown_method', async () => {
    expect(await errorCode(client(SANDBOX_SLACK_BOT_TOKEN).apiCall('chat.scheduleMessage', { channel: 'C0RELEASES' }))).toBe('unknown_method');
  });

  it('given the app token, when opening a connection, then a single-use ws:// URL on this sandbox comes back', async () => {
    const slack = client(SANDBOX_SLACK_APP_TOKEN);

    const first = await slack.apps.connections.open();
    const second = await slack.apps.connections.open();

    const host = new URL(sandbox.url).host;
    expect(first.url).toMatch(new RegExp(`^ws://${host}/slack/socket\\?ticket=[0-9a-f]{32}$`));
    expect(second.url).not.toBe(first.url);
  });

  it('given a JSON body with a bearer token, or a form body with a token field, when posting, then both are accepted', async () => {
    const json = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${SANDBOX_SLACK_BOT_TOKEN}` },
      body: JSON.stringify({ channel: 'C0RELEASES', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    const form = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: SANDBOX_SLACK_BOT_TOKEN, channel: 'C0RELEASES', text: 'form' }).toString(),
    });

    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ ok: true, message: { text: 'json', blocks: [{ type: 'divider' }] } });
    expect(await form.json()).toMatchObject({ ok: true, message: { text: 'form' } });
  });

  it('given a JSON body that does not parse, when posting, then invalid_json', async () => {
    const response = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_SLACK_BOT_TOKEN}` },
      body: '{"channel":',
    });

    expect(await response.json()).toEqual({ ok: false, error: 'invalid_json' });
  });

  it('given calls, when they are answered, then each is recorded for the sandbox and in the workspace call log', async () => {
    const before = sandbox.state.callsTo('slack').length;

    await client(SANDBOX_SLACK_BOT_TOKEN).auth.test();
    await errorCode(client(SANDBOX_SLACK_BOT_TOKEN).conversations.info({ channel: 'C0NOPE' }));

    expect(sandbox.state.callsTo('slack').slice(before).map((c) => c.operation)).toEqual(['auth.test', 'conversations.info']);
    expect(sandbox.state.slack.calls.slice(-2)).toMatchObject([
      { method: 'auth.test', ok: true },
      { method: 'conversations.info', ok: false, error: 'channel_not_found' },
    ]);
  });
});

describe('Slack sandbox Web API: conversations.info and users.info', () => {
  it('given a channel, when asking about it, then its name, privacy and the bot’s membership are told', async () => {
    const slack = client(SANDBOX_SLACK_BOT_TOKEN);

    const releases = await slack.conversations.info({ channel: 'C0RELEASES' });
    const general = await slack.conversations.info({ channel: 'C0GENERAL' });
    const ops = await slack.conversations.info({ channel: 'G0OPS' });

    expect(releases.channel).toMatchObject({ id: 'C0RELEASES', name: 'releases', is_private: false, is_member: true });
    expect(general.channel).toMatchObject({ name: 'general', is_member: false });
    expect(ops.channel).toMatchObject({ name: 'ops-private', is_private: true, is_member: true });
  });

  it('given an unknown channel or user, when asking, then channel_not_found or user_not_found', async () => {
    const slack = client(SANDBOX_SLACK_BOT_TOKEN);

    expect(await errorCode(slack.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');
    expect(await errorCode(slack.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('given a person and the bot, when asking about them, then names come back and only the bot is a bot', async () => {
    const slack = client(SANDBOX_SLACK_BOT_TOKEN);

    const alice = await slack.users.info({ user: 'U0ALICE' });
    const bot = await slack.users.info({ user: 'U0SHIPMATE' });

    expect(alice.user).toMatchObject({ id: 'U0ALICE', name: 'alice', team_id: 'T0SANDBOX', is_bot: false });
    expect(bot.user).toMatchObject({ id: 'U0SHIPMATE', is_bot: true });
  });
});

describe('Slack sandbox Web API: rate limiting', () => {
  it('given chat.postMessage rate-limited once, when the WebClient posts, then it answers 429 with Retry-After', async () => {
    sandbox.state.slack.rateLimit('chat.postMessage', 1, 2);

    const response = await fetch(`${apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${SANDBOX_SLACK_BOT_TOKEN}` },
      body: 'channel=C0RELEASES&text=hi',
    });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('given chat.postMessage rate-limited once, when the real WebClient posts, then it pauses for Retry-After, retries, and the message lands once', async () => {
    // given
    sandbox.state.slack.rateLimit('chat.postMessage', 1, 1);
    const before = sandbox.state.slack.messages.length;
    const web = client(SANDBOX_SLACK_BOT_TOKEN);
    const pauses: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number) => pauses.push(retryAfterSeconds));

    // when
    const answer = await web.chat.postMessage({ channel: 'C0RELEASES', text: 'after the limit' });

    // then: the client read the sandbox's Retry-After (it sleeps that long itself) and retried once
    expect(answer.ok).toBe(true);
    expect(pauses).toEqual([1]);
    expect(sandbox.state.slack.messages.slice(before).map((m) => m.text)).toEqual(['after the limit']);
    expect(sandbox.state.slack.calls.filter((c) => c.method === 'chat.postMessage').slice(-2)).toMatchObject([
      { ok: false, error: 'ratelimited' },
      { ok: true },
    ]);
  });

  it('given a WebClient that rejects rate-limited calls, when limited, then it learns the Retry-After from the header', async () => {
    sandbox.state.slack.rateLimit('chat.update', 1, 30);

    const error = (await client(SANDBOX_SLACK_BOT_TOKEN, { rejectRateLimitedCalls: true })
      .chat.update({ channel: 'C0RELEASES', ts: '1.000001', text: 'x' })
      .catch((e: unknown) => e)) as WebAPIRateLimitedError;

    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(30);
  });
});
