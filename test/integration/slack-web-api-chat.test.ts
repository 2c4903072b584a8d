import { LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

let sandbox: Sandbox;
let slack: WebClient;

beforeAll(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  slack = new WebClient(SANDBOX_SLACK_BOT_TOKEN, { slackApiUrl: `${sandbox.url}/slack/api/`, logLevel: LogLevel.ERROR });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.state.slack.messages.length = 0;
  sandbox.state.slack.ephemerals.length = 0;
});

/** The Web API error a call failed with. */
async function failure(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  if (!error) throw new Error('expected the call to fail');
  expect(error.code).toBe('slack_webapi_platform_error');
  return error.data;
}

const card = [
  { type: 'header', text: { type: 'plain_text', text: 'Readiness: staging 1.1.0' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*Score* 92/100' } },
];

describe('Slack sandbox chat.postMessage through the real WebClient', () => {
  it('given blocks, when posting to a channel the bot is in, then the message is recorded with the blocks as sent', async () => {
    const answer = await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'Readiness: staging', blocks: card });

    expect(answer.ok).toBe(true);
    expect(answer.channel).toBe('C0RELEASES');
    expect(answer.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(answer.message).toMatchObject({ type: 'message', text: 'Readiness: staging', user: 'U0SHIPMATE', bot_id: 'B0SHIPMATE', ts: answer.ts, blocks: card });
    const [message] = sandbox.state.slack.messages;
    expect(message).toMatchObject({ channel: 'C0RELEASES', ts: answer.ts, text: 'Readiness: staging', blocks: card, via: 'api', edits: [] });
  });

  it('given several posts, when their ts are compared, then each is unique and increasing', async () => {
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await slack.chat.postMessage({ channel: 'C0RELEASES', text: `post ${i}` }));

    const stamps = answers.map((a) => Number(a.ts));
    expect(new Set(stamps).size).toBe(3);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('given a thread_ts and reply_broadcast, when posting, then the reply is in the thread and broadcast', async () => {
    const parent = await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'Deploying backend 1.1.0' });

    const reply = await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'Rollout failed', thread_ts: parent.ts as string, reply_broadcast: true });

    expect(reply.message?.thread_ts).toBe(parent.ts);
    expect(sandbox.state.slack.messages.at(-1)).toMatchObject({ threadTs: parent.ts, replyBroadcast: true });
  });

  it('given a channel name, when posting, then the message lands in that channel by id', async () => {
    const answer = await slack.chat.postMessage({ channel: '#releases', text: 'by name' });

    expect(answer.channel).toBe('C0RELEASES');
  });

  it('given a user id as the channel, when posting, then the message lands in the app\'s direct message with that person', async () => {
    const answer = await slack.chat.postMessage({ channel: 'U0ALICE', text: 'only for you' });

    expect(answer.channel).toBe('DU0ALICE');
    expect(sandbox.state.slack.messages).toMatchObject([{ channel: 'DU0ALICE', ts: answer.ts, text: 'only for you' }]);
    expect(await failure(slack.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
  });

  it('given an unknown channel, when posting, then channel_not_found', async () => {
    expect((await failure(slack.chat.postMessage({ channel: 'C0NOPE', text: 'hi' }))).error).toBe('channel_not_found');
  });

  it('given a channel the bot was not invited to, when posting, then not_in_channel and nothing is posted', async () => {
    expect((await failure(slack.chat.postMessage({ channel: 'C0GENERAL', text: 'hi' }))).error).toBe('not_in_channel');
    expect(sandbox.state.slack.messages).toEqual([]);
  });

  it('given a private channel the bot is not in, when posting, then the channel does not exist for the bot', async () => {
    sandbox.state.slack.world.channels.push({ id: 'G0SECRET', name: 'secret', isPrivate: true, botIsMember: false });

    expect((await failure(slack.chat.postMessage({ channel: 'G0SECRET', text: 'hi' }))).error).toBe('channel_not_found');
  });

  it('given neither text nor blocks, when posting, then no_text', async () => {
    expect((await failure(slack.chat.postMessage({ channel: 'C0RELEASES' } as never))).error).toBe('no_text');
  });

  it('given text of 40,001 characters, when posting, then msg_too_long; 40,000 is accepted', async () => {
    expect((await failure(slack.chat.postMessage({ channel: 'C0RELEASES', text: 'x'.repeat(40_001) }))).error).toBe('msg_too_long');
    expect((await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'x'.repeat(40_000) })).ok).toBe(true);
  });

  it('given a section over 3000 characters, when posting, then invalid_blocks says where, as response_metadata.messages', async () => {
    const blocks = [...card, { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }];

    const data = await failure(slack.chat.postMessage({ channel: 'C0RELEASES', text: 'too long', blocks }));

    expect(data.error).toBe('invalid_blocks');
    expect(data.response_metadata?.messages).toEqual(['[ERROR] must be at most 3000 characters [json-pointer:/blocks/2/text/text]']);
    expect(sandbox.state.slack.messages).toEqual([]);
  });

  it('given blocks that are not a JSON array, when posting, then invalid_blocks_format', async () => {
    const data = await failure(slack.chat.postMessage({ channel: 'C0RELEASES', text: 'x', blocks: 'not json' as never }));

    expect(data.error).toBe('invalid_blocks_format');
  });
});

describe('Slack sandbox chat.update through the real WebClient', () => {
  it('given a message the bot posted, when updated twice, then it shows the last update and keeps both in its edits', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'Build queued', blocks: card });

    await slack.chat.update({ channel: 'C0RELEASES', ts: posted.ts as string, text: 'Build running' });
    const answer = await slack.chat.update({ channel: 'C0RELEASES', ts: posted.ts as string, text: 'Build succeeded', blocks: [card[0]] as never });

    expect(answer).toMatchObject({ ok: true, channel: 'C0RELEASES', ts: posted.ts, text: 'Build succeeded' });
    const [message] = sandbox.state.slack.messages;
    expect(message?.text).toBe('Build succeeded');
    expect(message?.blocks).toEqual([card[0]]);
    expect(message?.edits.map((e) => e.text)).toEqual(['Build running', 'Build succeeded']);
    expect(message?.edits[0]?.blocks).toEqual(card);
  });

  it('given an unknown ts, when updating, then message_not_found', async () => {
    expect((await failure(slack.chat.update({ channel: 'C0RELEASES', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
  });

  it('given a message a person wrote, when the bot updates it, then cant_update_message', async () => {
    const theirs = sandbox.state.slack.postAsPerson('C0RELEASES', 'U0ALICE', 'ship it');

    expect((await failure(slack.chat.update({ channel: 'C0RELEASES', ts: theirs.ts, text: 'x' }))).error).toBe('cant_update_message');
    expect(theirs.text).toBe('ship it');
  });

  it('given invalid blocks, when updating, then invalid_blocks and the message is unchanged', async () => {
    const posted = await slack.chat.postMessage({ channel: 'C0RELEASES', text: 'Build queued' });
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };

    const data = await failure(slack.chat.update({ channel: 'C0RELEASES', ts: posted.ts as string, text: 'x', blocks: [header] }));

    expect(data.error).toBe('invalid_blocks');
    expect(sandbox.state.slack.messages[0]?.text).toBe('Build queued');
    expect(sandbox.state.slack.messages[0]?.edits).toEqual([]);
  });
});

describe('Slack sandbox chat.postEphemeral through the real WebClient', () => {
  it('given a user in the workspace, when posting an ephemeral message, then only that user is shown it', async () => {
    const answer = await slack.chat.postEphemeral({ channel: 'C0RELEASES', user: 'U0ALICE', text: 'Usage: /readiness [env] [version]' });

    expect(answer.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(sandbox.state.slack.ephemerals).toMatchObject([{ channel: 'C0RELEASES', user: 'U0ALICE', ts: answer.message_ts, via: 'api' }]);
    expect(sandbox.state.slack.messages).toEqual([]);
  });

  it('given an unknown user, when posting an ephemeral message, then user_not_in_channel', async () => {
    expect((await failure(slack.chat.postEphemeral({ channel: 'C0RELEASES', user: 'U0NOBODY', text: 'x' }))).error).toBe('user_not_in_channel');
  });
});
