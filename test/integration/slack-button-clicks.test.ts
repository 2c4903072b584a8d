import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type BlockAction, type ButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import type { HttpDelivery } from '../../src/sandbox/slack/deliver-over-http.js';
import type { ButtonClick } from '../../src/sandbox/slack/find-button.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { InteractionDelivery } from '../../src/sandbox/slack/slack-workspace.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

const approvalCard = [
  { type: 'section', text: { type: 'mrkdwn', text: '*alice* asks to build backend 1.1.0 in staging' } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', value: 'req-1' },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, style: 'danger', value: 'req-1' },
    ],
  },
];

interface Harness {
  sandbox: Sandbox;
  app: App;
  delivery: InteractionDelivery;
  /** Every block_actions body an `approve` listener ran for. */
  clicks: BlockAction<ButtonAction>[];
  /** Socket Mode only: the envelope types the connection received. */
  envelopeTypes: string[];
  stop(): Promise<void>;
}

/** The real Bolt App, with Bolt's own receiver for the mode, answering Approve by replacing the card. */
async function startHarness(mode: 'socket' | 'http'): Promise<Harness> {
  const sandbox = await startSandbox({ world: loadScenario('healthy').world });
  const slackApiUrl = `${sandbox.url}/slack/api/`;
  const clicks: BlockAction<ButtonAction>[] = [];
  const envelopeTypes: string[] = [];
  const receiver =
    mode === 'socket'
      ? new SocketModeReceiver({ appToken: SANDBOX_SLACK_APP_TOKEN, logLevel: LogLevel.ERROR, installerOptions: { clientOptions: { slackApiUrl } } })
      : new HTTPReceiver({ signingSecret: SANDBOX_SLACK_SIGNING_SECRET, logLevel: LogLevel.ERROR });
  if (receiver instanceof SocketModeReceiver) receiver.client.on('interactive', () => envelopeTypes.push('interactive'));
  const app = new App({ token: SANDBOX_SLACK_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl } });
  app.action<BlockAction<ButtonAction>>('approve', async ({ ack, body, respond }) => {
    clicks.push(body);
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
  });
  let delivery: InteractionDelivery;
  if (receiver instanceof HTTPReceiver) {
    const server = await receiver.start({ port: 0, host: '127.0.0.1' });
    delivery = { mode: 'http', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
  } else {
    await app.start();
    await sandbox.state.slack.waitForSocket();
    delivery = { mode: 'socket' };
  }
  return {
    sandbox,
    app,
    delivery,
    clicks,
    envelopeTypes,
    stop: async () => {
      // Bolt's stop() does not wait for the socket to close; the client's disconnect() does.
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect();
      await app.stop();
      await sandbox.close();
    },
  };
}

/** The approval card, posted by the bot through the sandbox's Web API (so Block Kit validation applies). */
async function postCard(harness: Harness, blocks: unknown[] = approvalCard, threadTs?: string): Promise<PostedMessage> {
  const answer = await harness.app.client.chat.postMessage({
    channel: 'C0RELEASES',
    text: 'Build request: backend 1.1.0',
    blocks: blocks as KnownBlock[],
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  const posted = harness.sandbox.state.slack.findMessage('C0RELEASES', answer.ts!);
  if (!posted) throw new Error('the card was not posted');
  return posted;
}

describe.each(['socket', 'http'] as const)('Button clicks delivered to the real Bolt App (%s mode)', (mode) => {
  let harness: Harness;
  let sandbox: Sandbox;

  beforeAll(async () => {
    harness = await startHarness(mode);
    sandbox = harness.sandbox;
  });

  afterAll(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    harness.clicks.length = 0;
    harness.envelopeTypes.length = 0;
  });

  const approveBy = (userId: string, messageTs: string): ButtonClick => ({ userId, channelId: 'C0RELEASES', messageTs, actionId: 'approve' });

  it('given the approval card, when bob clicks Approve, then Bolt acks and its listener gets the block_actions payload Slack sends', async () => {
    const card = await postCard(harness);

    const result = await sandbox.state.slack.clickButton(approveBy('U0BOB', card.ts), harness.delivery);

    expect(result.status).toBe(200);
    expect(result.ack).toBeUndefined();
    expect(harness.clicks).toHaveLength(1);
    const body = harness.clicks[0]!;
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: 'T0SANDBOX' },
      api_app_id: 'A0SHIPMATE',
      container: { type: 'message', message_ts: card.ts, channel_id: 'C0RELEASES', is_ephemeral: false },
      team: { id: 'T0SANDBOX', domain: 'shop-sandbox' },
      channel: { id: 'C0RELEASES', name: 'releases' },
      message: { type: 'message', ts: card.ts, user: 'U0SHIPMATE', bot_id: 'B0SHIPMATE', text: 'Build request: backend 1.1.0', blocks: [{ type: 'section' }, approvalCard[1]] },
      response_url: result.responseUrl,
      actions: [{ action_id: 'approve', block_id: 'decision', type: 'button', value: 'req-1', style: 'primary', text: { type: 'plain_text', text: 'Approve' } }],
    });
    expect(body.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(body.actions[0]!.action_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(body.message?.blocks?.[0]?.block_id).toEqual(expect.any(String));
    if (mode === 'socket') expect(harness.envelopeTypes).toEqual(['interactive']);
  });

  it('given a click, when the listener responds with replace_original, then the card itself is edited, once, through the response_url', async () => {
    const card = await postCard(harness);

    await sandbox.state.slack.clickButton(approveBy('U0CAROL', card.ts), harness.delivery);
    const edits = await sandbox.state.slack.waitForEdits('C0RELEASES', card.ts, 1, 3000);

    expect(edits).toEqual([{ text: 'Approved by <@U0CAROL>', at: expect.any(Number), via: 'response_url' }]);
    expect(sandbox.state.slack.findMessage('C0RELEASES', card.ts)).toMatchObject({ text: 'Approved by <@U0CAROL>', blocks: undefined });
    expect(sandbox.state.slack.messages.filter((m) => m.channel === 'C0RELEASES' && m.ts !== card.ts && m.postedAt >= card.postedAt)).toEqual([]);
  });

  it('given a card updated by chat.update and then replaced by a click, when its edits are read, then both are there in order with their time and source', async () => {
    const card = await postCard(harness);
    await harness.app.client.chat.update({ channel: 'C0RELEASES', ts: card.ts, text: 'Build request: backend 1.1.0 (1 approval of 2)' });

    await sandbox.state.slack.clickButton(approveBy('U0BOB', card.ts), harness.delivery);
    const edits = await sandbox.state.slack.waitForEdits('C0RELEASES', card.ts, 2, 3000);

    expect(edits.map((e) => [e.via, e.text])).toEqual([
      ['api', 'Build request: backend 1.1.0 (1 approval of 2)'],
      ['response_url', 'Approved by <@U0BOB>'],
    ]);
    expect(edits[0]!.at).toBeGreaterThanOrEqual(card.postedAt);
    expect(edits[1]!.at).toBeGreaterThanOrEqual(edits[0]!.at);
    expect(edits[0]!.blocks).toEqual(approvalCard);
  });

  it('given a card in a thread, when clicked, then the container and the message name the thread', async () => {
    const parent = sandbox.state.slack.postAsPerson('C0RELEASES', 'U0ALICE', '/build 1.1.0');
    const card = await postCard(harness, approvalCard, parent.ts);

    await sandbox.state.slack.clickButton(approveBy('U0BOB', card.ts), harness.delivery);

    expect(harness.clicks[0]).toMatchObject({ container: { message_ts: card.ts, thread_ts: parent.ts }, message: { thread_ts: parent.ts } });
  });

  it('given 20 people clicking Approve at once, when the clicks land, then every one is delivered, acked and answered', async () => {
    const card = await postCard(harness);
    const people = ['U0ALICE', 'U0BOB', 'U0CAROL'];
    const clicks = Array.from({ length: 20 }, (_, i) => approveBy(people[i % 3]!, card.ts));

    const results = await sandbox.state.slack.clickButtons(clicks, harness.delivery);

    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.responseUrl)).size).toBe(20);
    expect(harness.clicks).toHaveLength(20);
    expect(new Set(harness.clicks.map((c) => c.trigger_id)).size).toBe(20);
    expect(await sandbox.state.slack.waitForEdits('C0RELEASES', card.ts, 20, 5000)).toHaveLength(20);
  });
});

describe('Button clicks over HTTP that Slack did not send', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('http');
  });

  afterAll(async () => {
    await harness.stop();
  });

  beforeEach(() => {
    harness.clicks.length = 0;
  });

  it.each([
    ['unsigned', { unsigned: true }],
    ['signed with a wrong signature', { tamper: 'signature' as const }],
    ['signed for another body', { tamper: 'body' as const }],
    ['signed with another secret', { signingSecret: 'not-the-signing-secret' }],
    ['stale (signed ten minutes ago)', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
  ])('given a click that is %s, when sent, then Bolt refuses it with 401 and the card is untouched', async (_case, overrides) => {
    const { sandbox } = harness;
    const card = await postCard(harness);
    const delivery = { ...(harness.delivery as HttpDelivery), ...overrides };

    const result = await sandbox.state.slack.clickButton({ userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' }, delivery);

    expect(result.status).toBe(401);
    expect(harness.clicks).toEqual([]);
    expect(sandbox.state.slack.editsOf('C0RELEASES', card.ts)).toEqual([]);
  });
});

describe('Clicking what is not there (a broken test)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness('http');
  });

  afterAll(async () => {
    await harness.stop();
  });

  it('given a card without that button, when clicked, then the helper throws naming the buttons there, and nothing is sent', async () => {
    const card = await postCard(harness);
    const clicksBefore = harness.clicks.length;
    const click = { userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'deploy' };

    await expect(harness.sandbox.state.slack.clickButton(click, harness.delivery)).rejects.toThrow(
      /has no button "deploy" \(its buttons: "approve" in block "decision" with value "req-1"; "reject" in block "decision" with value "req-1"\)/,
    );
    expect(harness.clicks).toHaveLength(clicksBefore);
    expect(harness.sandbox.state.slack.editsOf('C0RELEASES', card.ts)).toEqual([]);
  });

  it('given a message ts that is not in the channel, when clicked, then the helper throws', async () => {
    const click = { userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: '1700000000.000001', actionId: 'approve' };

    await expect(harness.sandbox.state.slack.clickButton(click, harness.delivery)).rejects.toThrow(/no message 1700000000\.000001 in C0RELEASES/);
  });

  it('given two Approve buttons in different blocks, when clicked without saying which, then the helper throws; with the value it clicks that one', async () => {
    const twoRequests = [
      { type: 'actions', block_id: 'first', elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'req-1' }] },
      { type: 'actions', block_id: 'second', elements: [{ type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: 'req-2' }] },
    ];
    const card = await postCard(harness, twoRequests);
    const click = { userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' };

    await expect(harness.sandbox.state.slack.clickButton(click, harness.delivery)).rejects.toThrow(/has 2 buttons "approve"/);
    await harness.sandbox.state.slack.clickButton({ ...click, value: 'req-2' }, harness.delivery);
    await harness.sandbox.state.slack.waitForEdits('C0RELEASES', card.ts, 1, 3000);

    expect(harness.clicks.at(-1)?.actions[0]).toMatchObject({ block_id: 'second', value: 'req-2' });
  });
});
