import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { HttpDelivery } from '../../src/sandbox/slack/deliver-over-http.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const readiness = { command: '/readiness', text: 'staging 1.1.0', userId: 'U0ALICE', channelId: 'C0RELEASES' };

let sandbox: Sandbox;
let receiver: HTTPReceiver;
let eventsUrl: string;
let handled: string[];

beforeAll(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  // Bolt's own HTTPReceiver: the signature checks under test are the real ones.
  receiver = new HTTPReceiver({ signingSecret: SANDBOX_SLACK_SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: SANDBOX_SLACK_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: `${sandbox.url}/slack/api/` } });
  app.command('/readiness', async ({ command, ack, respond }) => {
    handled.push(command.text);
    await ack({ text: 'Checking staging…' });
    await respond({ response_type: 'in_channel', text: `Readiness for ${command.text}` });
  });
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  eventsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await receiver.stop();
  await sandbox.close();
});

beforeEach(() => {
  handled = [];
});

const delivery = (overrides: Partial<HttpDelivery> = {}): HttpDelivery => ({ mode: 'http', url: eventsUrl, signingSecret: SANDBOX_SLACK_SIGNING_SECRET, ...overrides });

describe('Slack sandbox slash commands over HTTP, against Bolt’s HTTPReceiver', () => {
  it('given a correctly signed command, when sent, then Bolt runs the listener, the ack comes back and respond() reaches the response_url', async () => {
    const result = await sandbox.state.slack.sendSlashCommand(readiness, delivery());

    expect(result.status).toBe(200);
    expect(result.ack).toEqual({ text: 'Checking staging…' });
    expect(handled).toEqual(['staging 1.1.0']);
    const message = await sandbox.state.slack.waitForMessage((m) => m.text === 'Readiness for staging 1.1.0', 3000);
    expect(message).toMatchObject({ channel: 'C0RELEASES', user: 'U0SHIPMATE', via: 'response_url' });
  });

  it.each([
    ['unsigned', { unsigned: true }],
    ['signed with a wrong signature', { tamper: 'signature' as const }],
    ['signed for another body', { tamper: 'body' as const }],
    ['signed with another secret', { signingSecret: 'not-the-signing-secret' }],
    ['stale (signed ten minutes ago)', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])('given a request that is %s, when sent, then Bolt refuses it with 401 before any listener runs', async (_case, overrides) => {
    const result = await sandbox.state.slack.sendSlashCommand(readiness, delivery(overrides));

    expect(result.status).toBe(401);
    expect(handled).toEqual([]);
  });
});
