import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { SlackWorkspace } from '../../src/sandbox/slack/slack-workspace.js';

let sandbox: Sandbox;
let workspace: SlackWorkspace;

beforeAll(async () => {
  sandbox = await startSandbox({ world: loadScenario('healthy').world });
  workspace = sandbox.state.slack;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  workspace.now = () => Date.now();
  workspace.messages.length = 0;
  workspace.ephemerals.length = 0;
  workspace.responses.length = 0;
});

async function respond(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

describe('Slack sandbox response_url: what a response shows', () => {
  it('given a response with no response_type, when posted, then only the person who asked sees it', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');

    const answer = await respond(url, { text: 'Checking staging…' });

    expect(answer).toEqual({ status: 200, text: 'ok' });
    expect(workspace.ephemerals).toMatchObject([{ channel: 'C0RELEASES', user: 'U0ALICE', text: 'Checking staging…', via: 'response_url' }]);
    expect(workspace.messages).toEqual([]);
    expect(workspace.responses).toMatchObject([{ channel: 'C0RELEASES', user: 'U0ALICE', responseType: 'ephemeral', replaceOriginal: false }]);
  });

  it('given an in_channel response in a channel the bot is not in, when posted, then everyone sees it as the bot’s', async () => {
    const url = workspace.createResponseUrl('C0GENERAL', 'U0ALICE');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Score* 92' } }];

    await respond(url, { response_type: 'in_channel', text: 'Readiness', blocks });

    expect(workspace.messages).toMatchObject([{ channel: 'C0GENERAL', user: 'U0SHIPMATE', botId: 'B0SHIPMATE', text: 'Readiness', blocks, via: 'response_url' }]);
  });

  it('given an earlier ephemeral response, when replace_original is posted, then that ephemeral is replaced in place', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0BOB');
    await respond(url, { text: 'Working on it…' });

    await respond(url, { replace_original: true, text: 'Done: 92/100' });

    expect(workspace.ephemerals).toHaveLength(1);
    expect(workspace.ephemerals[0]).toMatchObject({ text: 'Done: 92/100', edits: [{ text: 'Done: 92/100' }] });
  });

  it('given a button’s message as the original, when replace_original is posted, then that message is updated', async () => {
    const card = workspace.post({ channel: 'C0RELEASES', user: 'U0SHIPMATE', botId: 'B0SHIPMATE', text: 'Approve deploy?', replyBroadcast: false, via: 'api' });
    const url = workspace.createResponseUrl('C0RELEASES', 'U0BOB', { kind: 'message', channel: 'C0RELEASES', ts: card.ts });

    await respond(url, { replace_original: true, text: 'Approved by bob' });

    expect(card.text).toBe('Approved by bob');
    expect(workspace.messages).toHaveLength(1);
  });

  it('given delete_original, when posted, then the original is gone from the channel', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');
    await respond(url, { response_type: 'in_channel', text: 'temporary' });

    await respond(url, { delete_original: true });

    expect(workspace.messages[0]?.deleted).toBe(true);
  });

  it('given a thread_ts, when an in_channel response is posted, then it goes into the thread', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');

    await respond(url, { response_type: 'in_channel', text: 'in thread', thread_ts: '1700000000.000100' });

    expect(workspace.messages[0]?.threadTs).toBe('1700000000.000100');
  });

  it('given a response arriving later, when a test waits for it, then the wait resolves with it', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');

    const waiting = workspace.waitForResponse((r) => r.text === 'later', 5_000);
    await respond(url, { text: 'later' });

    expect((await waiting).responseType).toBe('ephemeral');
  });
});

describe('Slack sandbox response_url: what Slack refuses', () => {
  it('given five posts, when a sixth is posted, then it is refused with 404 "Used url" and nothing is shown', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');
    const answers = [];
    for (let i = 1; i <= 6; i++) answers.push(await respond(url, { text: `update ${i}` }));

    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[5]).toEqual({ status: 404, text: 'Used url' });
    expect(workspace.ephemerals.map((e) => e.text)).not.toContain('update 6');
    expect(workspace.calls.at(-1)).toMatchObject({ method: 'response_url', ok: false, error: 'Used url' });
  });

  it('given 30 minutes have passed, when posting, then it is refused with 404 "Expired url"; just before, it is accepted', async () => {
    const start = Date.now();
    workspace.now = () => start;
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');

    workspace.now = () => start + 30 * 60_000;
    const justInTime = await respond(url, { text: 'on time' });
    workspace.now = () => start + 30 * 60_000 + 1;
    const late = await respond(url, { text: 'too late' });

    expect(justInTime.status).toBe(200);
    expect(late).toEqual({ status: 404, text: 'Expired url' });
  });

  it('given blocks past Block Kit limits, when posting, then 400 invalid_blocks and the post does not count as a use', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };

    const refused = await respond(url, { text: 'x', blocks: [header] });
    for (let i = 0; i < 5; i++) await respond(url, { text: `ok ${i}` });

    expect(refused).toEqual({ status: 400, text: 'invalid_blocks' });
    expect(workspace.ephemerals).toHaveLength(5);
  });

  it('given no text and no blocks, or a body that is not JSON, when posting, then 400 no_text or invalid_payload', async () => {
    const url = workspace.createResponseUrl('C0RELEASES', 'U0ALICE');

    expect(await respond(url, { response_type: 'in_channel' })).toEqual({ status: 400, text: 'no_text' });
    const garbled = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' });
    expect([garbled.status, await garbled.text()]).toEqual([400, 'invalid_payload']);
  });

  it('given a response_url the sandbox never issued, when posting, then 404', async () => {
    expect((await respond(`${sandbox.url}/slack/response/0123456789abcdef01234567`, { text: 'x' })).status).toBe(404);
  });
});
