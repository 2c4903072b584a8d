import { LogLevel, SocketModeClient, type Logger } from '@slack/socket-mode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_APP_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const readiness = { command: '/readiness', text: 'staging 1.1.0', userId: 'U0ALICE', channelId: 'C0RELEASES' };

let sandbox: Sandbox;
let clients: SocketModeClient[];

beforeEach(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.disconnect()));
  await sandbox.close();
});

/** The real Socket Mode client, pointed at the sandbox; `frames` are the JSON messages it received. */
async function connect(): Promise<{ client: SocketModeClient; frames: Record<string, unknown>[] }> {
  const client = new SocketModeClient({ appToken: SANDBOX_SLACK_APP_TOKEN, logger: silent, clientOptions: { slackApiUrl: `${sandbox.url}/slack/api/` } });
  const frames: Record<string, unknown>[] = [];
  client.on('ws_message', (data: string | ArrayBuffer) => {
    frames.push(JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)) as Record<string, unknown>);
  });
  clients.push(client);
  await client.start();
  return { client, frames };
}

async function ticketUrl(): Promise<string> {
  const response = await fetch(`${sandbox.url}/slack/api/apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${SANDBOX_SLACK_APP_TOKEN}` } });
  return ((await response.json()) as { url: string }).url;
}

/** The HTTP status a WebSocket upgrade was answered with (101 when it opened). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe('Slack sandbox Socket Mode: connecting', () => {
  it('given the real SocketModeClient, when it starts, then it gets a hello naming the app and the connection is counted', async () => {
    const { frames } = await connect();

    expect(frames[0]).toMatchObject({ type: 'hello', num_connections: 1, debug_info: { host: 'sandbox', build_number: 1 }, connection_info: { app_id: 'A0SHIPMATE' } });
    expect(sandbox.state.slack.socketCount()).toBe(1);
    expect(sandbox.state.callsTo('slack').map((c) => c.operation)).toEqual(['apps.connections.open', 'socket_mode.connect']);
  });

  it('given a ticket the sandbox never issued, when upgrading, then 401 before any WebSocket opens', async () => {
    const host = new URL(sandbox.url).host;

    expect(await upgradeStatus(`ws://${host}/slack/socket?ticket=0123456789abcdef0123456789abcdef`)).toBe(401);
    expect(await upgradeStatus(`ws://${host}/slack/socket`)).toBe(401);
    expect(sandbox.state.slack.socketCount()).toBe(0);
  });

  it('given a ticket already used, when upgrading with it again, then 401', async () => {
    const url = await ticketUrl();

    expect(await upgradeStatus(url)).toBe(101);
    expect(await upgradeStatus(url)).toBe(401);
  });

  it('given a connected socket, when it pings, then the sandbox pongs as a server does', async () => {
    const socket = new WebSocket(await ticketUrl());
    await new Promise((resolve) => socket.once('open', resolve));

    const pong = new Promise<string>((resolve) => socket.once('pong', (data) => resolve(data.toString())));
    socket.ping('are you there');

    expect(await pong).toBe('are you there');
    socket.close();
  });
});

describe('Slack sandbox Socket Mode: slash commands', () => {
  it('given a connected client, when a slash command is sent, then it arrives as Slack sends it and its ack payload comes back', async () => {
    const { client } = await connect();
    const received: Record<string, unknown>[] = [];
    client.on('slash_commands', async ({ ack, body, accepts_response_payload }) => {
      received.push({ ...body, accepts_response_payload });
      await ack({ text: 'Checking staging…' });
    });

    const result = await sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket' });

    expect(result.status).toBe(200);
    expect(result.ack).toEqual({ text: 'Checking staging…' });
    expect(received[0]).toMatchObject({
      command: '/readiness',
      text: 'staging 1.1.0',
      user_id: 'U0ALICE',
      user_name: 'alice',
      channel_id: 'C0RELEASES',
      channel_name: 'releases',
      team_id: 'T0SANDBOX',
      team_domain: 'shop-sandbox',
      api_app_id: 'A0SHIPMATE',
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      accepts_response_payload: true,
    });
    expect(received[0]?.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(result.responseUrl.startsWith(`${sandbox.url}/slack/response/`)).toBe(true);
  });

  it('given a client that acks with nothing, when a slash command is sent, then the ack is undefined', async () => {
    const { client } = await connect();
    client.on('slash_commands', async ({ ack }) => ack());

    expect((await sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket' })).ack).toBeUndefined();
  });

  it('given no client connects, when a slash command is sent, then it is refused after the wait', async () => {
    await expect(sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket', connectTimeoutMs: 100 })).rejects.toThrow(/no Socket Mode connection within 100 ms/);
  });

  it('given a client that never acks, when a slash command is sent, then it fails after the ack timeout', async () => {
    await connect();

    await expect(sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket', ackTimeoutMs: 200 })).rejects.toThrow(/no ack for the slash_commands envelope within 200 ms/);
  });
});

describe('Slack sandbox Socket Mode: reconnecting', () => {
  it('given a connected client, when Slack asks it to refresh, then it hears why, reconnects within seconds and takes commands again', async () => {
    const { client, frames } = await connect();
    client.on('slash_commands', async ({ ack }) => ack({ text: 'again' }));

    sandbox.state.slack.disconnectSockets();
    expect(sandbox.state.slack.socketCount()).toBe(0);
    await sandbox.state.slack.waitForSocket(15_000);

    expect(frames).toContainEqual({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'sandbox' } });
    expect(sandbox.state.slack.sockets.helloCount).toBe(2);
    expect((await sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket' })).ack).toEqual({ text: 'again' });
  });

  it('given a connected client, when its TCP connection drops with no goodbye, then it reconnects within seconds and takes commands again', async () => {
    const { client } = await connect();
    client.on('slash_commands', async ({ ack }) => ack({ text: 'back' }));

    sandbox.state.slack.dropSockets();
    await sandbox.state.slack.waitForSocket(15_000);

    expect(sandbox.state.slack.socketCount()).toBe(1);
    expect((await sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket' })).ack).toEqual({ text: 'back' });
  });

  it('given a command waiting for its ack, when the connection drops, then the send fails at once rather than at the timeout', async () => {
    // given: a client that drops its connection the moment the command reaches it, without acking
    const { client } = await connect();
    client.on('slash_commands', () => sandbox.state.slack.dropSockets());

    // when: the command is sent with an ack timeout far beyond this test's own
    const sending = sandbox.state.slack.sendSlashCommand(readiness, { mode: 'socket', ackTimeoutMs: 600_000 });

    // then: it fails for the closed connection (the timeout says "no ack ... within"), inside the test's 5 s
    await expect(sending).rejects.toThrow(/closed before the ack/);
  });
});
