import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel as BoltLogLevel, type RespondFn } from '@slack/bolt';
import { LogLevel, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../../src/adapters/metrics/prometheus-metrics.js';
import { countSlackErrors } from '../../../src/adapters/slack/count-slack-errors.js';
import type { MetricsPort } from '../../../src/ports/metrics.port.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_SIGNING_SECRET } from '../../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../../src/sandbox/scenarios.js';

let sandbox: Sandbox;
let apiUrl: string;

beforeAll(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  apiUrl = `${sandbox.url}/slack/api/`;
});

afterAll(async () => {
  await sandbox.close();
});

/** WebClient logs Slack's response_metadata messages as errors; the answers are what these tests look at. */
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => LogLevel.ERROR, setName: () => undefined };

/** A real WebClient whose transport counts into a fresh Prometheus registry. */
function countedClient(options: ConstructorParameters<typeof WebClient>[1] = {}, fetchFn?: typeof fetch) {
  const prometheus = createPrometheusMetrics();
  const client = new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: apiUrl, logger: quiet, fetch: countSlackErrors(prometheus.metrics, fetchFn), ...options });
  return { client, prometheus };
}

/** The `shipmate_slack_api_errors_total` samples, as "method error value" lines. */
async function slackErrorSamples(prometheus: PrometheusMetrics): Promise<string[]> {
  return (await prometheus.render())
    .split('\n')
    .flatMap((line) => {
      const sample = /^shipmate_slack_api_errors_total\{method="([^"]+)",error="([^"]+)"\} (\d+)$/.exec(line);
      return sample ? [`${sample[1]} ${sample[2]} ${sample[3]}`] : [];
    })
    .sort();
}

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('countSlackErrors on a real WebClient against the Slack sandbox', () => {
  it('given calls Slack refuses, when made, then each is counted by method and error, and still throws the platform error', async () => {
    const { client, prometheus } = countedClient();

    const notFound = (await rejection(client.chat.postMessage({ channel: 'C0NOPE', text: 'hi' }))) as WebAPIPlatformError;
    const notIn = (await rejection(client.chat.postMessage({ channel: 'C0GENERAL', text: 'hi' }))) as WebAPIPlatformError;
    const badBlocks = (await rejection(client.chat.postMessage({ channel: 'C0RELEASES', text: 'x', blocks: [{ type: 'no-such-block' }] }))) as WebAPIPlatformError;

    expect([notFound, notIn, badBlocks].map((e) => [e.code, e.data.error])).toEqual([
      ['slack_webapi_platform_error', 'channel_not_found'],
      ['slack_webapi_platform_error', 'not_in_channel'],
      ['slack_webapi_platform_error', 'invalid_blocks'],
    ]);
    expect(await slackErrorSamples(prometheus)).toEqual(['chat.postMessage channel_not_found 1', 'chat.postMessage invalid_blocks 1', 'chat.postMessage not_in_channel 1']);
  });

  it('given calls that succeed, when made, then nothing is counted and the answers are untouched', async () => {
    const { client, prometheus } = countedClient();

    const auth = await client.auth.test();
    const posted = await client.chat.postMessage({ channel: 'C0RELEASES', text: 'fine' });

    expect(auth).toMatchObject({ ok: true, user_id: 'U0SHIPMATE' });
    expect(posted).toMatchObject({ ok: true, channel: 'C0RELEASES', message: { text: 'fine' } });
    expect(await slackErrorSamples(prometheus)).toEqual([]);
  });

  it('given a rate-limited method and a client that rejects rate-limited calls, when called, then ratelimited is counted and the same error is thrown', async () => {
    const { client, prometheus } = countedClient({ rejectRateLimitedCalls: true });
    sandbox.state.slack.rateLimit('chat.update', 1, 30);

    const error = (await rejection(client.chat.update({ channel: 'C0RELEASES', ts: '1.000001', text: 'x' }))) as WebAPIRateLimitedError;

    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(30);
    expect(await slackErrorSamples(prometheus)).toEqual(['chat.update ratelimited 1']);
  });

  it('given a method rate-limited once, when the WebClient retries after Retry-After, then the 429 is counted and the post lands once', async () => {
    const { client, prometheus } = countedClient();
    sandbox.state.slack.rateLimit('chat.postMessage', 1, 1);
    const before = sandbox.state.slack.messages.length;

    const answer = await client.chat.postMessage({ channel: 'C0RELEASES', text: 'after the limit' });

    expect(answer.ok).toBe(true);
    expect(sandbox.state.slack.messages.slice(before).map((m) => m.text)).toEqual(['after the limit']);
    expect(await slackErrorSamples(prometheus)).toEqual(['chat.postMessage ratelimited 1']);
  });

  it('given a user-group look-up without the scope, when called, then missing_scope is counted under its method', async () => {
    const { client, prometheus } = countedClient();
    const scopes = sandbox.state.slack.botScopes as Set<string>;
    scopes.delete('usergroups:read');
    try {
      const error = (await rejection(client.usergroups.list({}))) as WebAPIPlatformError;
      expect(error.data.error).toBe('missing_scope');
    } finally {
      scopes.add('usergroups:read');
    }

    expect(await slackErrorSamples(prometheus)).toEqual(['usergroups.list missing_scope 1']);
  });

  it('given Slack unreachable, when called, then request_failed is counted and WebClient throws its request error', async () => {
    const { client, prometheus } = countedClient({ slackApiUrl: 'http://127.0.0.1:1/api/', retryConfig: { retries: 0 } });

    const error = (await rejection(client.auth.test())) as { code: string };

    expect(error.code).toBe('slack_webapi_request_error');
    expect(await slackErrorSamples(prometheus)).toEqual(['auth.test request_failed 1']);
  });

  it('given answers that are not Slack JSON, when called, then HTTP failures count by status, not by their text, and odd error strings as unknown_error', async () => {
    const answers = [
      new Response('upstream connect error', { status: 503 }),
      new Response(JSON.stringify({ ok: false, error: 'Something <odd> happened' }), { headers: { 'content-type': 'application/json' } }),
    ];
    const { client, prometheus } = countedClient({ retryConfig: { retries: 0 } }, async () => answers.shift() as Response);

    const http = (await rejection(client.auth.test())) as { code: string; statusCode: number };
    const odd = (await rejection(client.auth.test())) as WebAPIPlatformError;

    expect([http.code, http.statusCode]).toEqual(['slack_webapi_http_error', 503]);
    expect(odd.data.error).toBe('Something <odd> happened');
    expect(await slackErrorSamples(prometheus)).toEqual(['auth.test http_503 1', 'auth.test unknown_error 1']);
  });

  it('given a metrics port that throws, when a call fails, then the caller still sees only Slack’s error', async () => {
    const throwing: MetricsPort = { ...createPrometheusMetrics().metrics, slackApiError: () => { throw new Error('metrics down'); } };
    const client = new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: apiUrl, logger: quiet, fetch: countSlackErrors(throwing) });

    const error = (await rejection(client.chat.postMessage({ channel: 'C0NOPE', text: 'hi' }))) as WebAPIPlatformError;

    expect(error.data.error).toBe('channel_not_found');
  });
});

describe('countSlackErrors as Bolt’s clientOptions.fetch', () => {
  let receiver: HTTPReceiver;
  let app: App;
  let eventsUrl: string;
  let prometheus: PrometheusMetrics;
  let seen: { sameClient: boolean; respondErrors: string[] } | undefined;
  let listenerDone: Promise<void>;

  beforeAll(async () => {
    prometheus = createPrometheusMetrics();
    receiver = new HTTPReceiver({ signingSecret: SANDBOX_SLACK_SIGNING_SECRET, logLevel: BoltLogLevel.ERROR });
    app = new App({ token: SANDBOX_SLACK_BOT_TOKEN, receiver, logLevel: BoltLogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl, fetch: countSlackErrors(prometheus.metrics) } });
    let finish = () => undefined as void;
    listenerDone = new Promise<void>((resolve) => (finish = resolve));
    app.command('/readiness', async ({ ack, client, respond }) => {
      await ack();
      try {
        await client.chat.postMessage({ channel: 'C0GENERAL', text: 'per-request client' }).catch(() => undefined);
        await app.client.chat.postMessage({ channel: 'C0NOPE', text: 'app.client' }).catch(() => undefined);
        seen = { sameClient: client === app.client, respondErrors: await respondSixTimes(respond) };
      } finally {
        finish();
      }
    });
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await receiver.stop();
  });

  it('given a slash command, when the listener uses its client, app.client and respond(), then errors from all three are counted', async () => {
    await sandbox.state.slack.sendSlashCommand(
      { command: '/readiness', text: 'staging', userId: 'U0ALICE', channelId: 'C0RELEASES' },
      { mode: 'http', url: eventsUrl, signingSecret: SANDBOX_SLACK_SIGNING_SECRET },
    );
    await listenerDone;

    // Bolt builds a per-team client for each request, even with one token: not app.client.
    expect(seen?.sameClient).toBe(false);
    // A response_url takes 5 posts; the 6th is refused and respond() throws as before.
    expect(seen?.respondErrors).toEqual(['Failed to respond to the response_url: 404 Not Found']);
    expect(await slackErrorSamples(prometheus)).toEqual(['chat.postMessage channel_not_found 1', 'chat.postMessage not_in_channel 1', 'response_url used_url 1']);
  });
});

async function respondSixTimes(respond: RespondFn): Promise<string[]> {
  const errors: string[] = [];
  for (let i = 0; i < 6; i++) {
    await respond({ response_type: 'ephemeral', text: `reply ${i}` }).catch((error: unknown) => errors.push((error as Error).message));
  }
  return errors;
}
