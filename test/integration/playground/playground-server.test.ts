import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundServer, type PlaygroundServer } from '../../../src/playground/server/playground-server.js';
import { MAX_BODY_BYTES } from '../../../src/playground/server/json-body.js';
import { findMessage, postJson, send, StateStream } from './playground-http.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const DAVE = 'U0DAVE';
const NOT_A_COMMAND = (name: string) => `${name} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`;

/**
 * The playground's server over HTTP, as the page uses it (no browser): the
 * page and its modules, the live stream, the composer, clicks and scenario
 * resets, against the sandbox and the compiled bot in Socket Mode.
 */
describe('the playground server', () => {
  let playground: PlaygroundServer;
  let base: string;

  beforeAll(async () => {
    playground = await startPlaygroundServer({ port: 0 });
    base = playground.url;
  }, 90_000);
  afterAll(async () => playground?.close(), 30_000);

  it('serves the page, its stylesheet and the compiled browser modules with their content types', async () => {
    // given / when
    const page = await send(base, 'GET', '/');
    const css = await send(base, 'GET', '/page.css');
    const client = await send(base, 'GET', '/web/playground-client.js');
    const renderer = await send(base, 'GET', '/render/render-blocks.js');

    // then
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>shipmate playground</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect([css.status, css.type]).toEqual([200, 'text/css; charset=utf-8']);
    expect([client.status, client.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(client.body).toContain("from '../render/render-blocks.js'");
    expect([renderer.status, renderer.type]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(renderer.body).toContain('export function renderBlocks');
  });

  it('serves nothing outside the render and web folders, however the path is spelt', async () => {
    // given
    const paths = [
      '/render/../server/playground-server.js',
      '/web/%2e%2e/server/json-body.js',
      '/web/..%2fserver%2fjson-body.js',
      '/render/%2F..%2F..%2F..%2Fpackage.json',
      '/server/playground-server.js',
      '/web/page-html.ts',
      '/web/playground-client.js.map',
      '/../../package.json',
      '/web//etc/passwd',
    ];

    // when
    const answers = await Promise.all(paths.map((path) => send(base, 'GET', path)));

    // then
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ ok: false, error: 'not found' });
    }
  });

  it('streams the whole state on connect, then the report card /readiness posts', async () => {
    // given
    const stream = await StateStream.open(base, ALICE);
    try {
      const first = await stream.waitFor((s) => s, 'a first state');
      expect(first).toMatchObject({ status: 'connected', user: ALICE, channel: { id: 'C0RELEASES', name: 'releases' } });
      expect(first.commands.map((c) => c.name)).toEqual(['/readiness', '/build', '/deploy', '/release', '/verify', '/shipmate']);
      expect(first.users.map((u) => u.label)).toEqual(['alice (requester)', 'bob (approver)', 'dave (outside the policy)']);
      expect(first.context.users).toMatchObject({ U0ALICE: 'alice', U0SHIPMATE: 'shipmate' });

      // when
      const sent = await postJson(base, '/api/command', { user: ALICE, text: '/readiness' });

      // then
      expect(JSON.parse(sent.body)).toEqual({ ok: true, outcome: 'command' });
      const card = await stream.waitFor((s) => s.messages.find((m) => !m.ephemeral && JSON.stringify(m.blocks ?? []).includes('Readiness · staging')), 'the report card');
      expect(card).toMatchObject({ author: 'shipmate', authorKind: 'bot', ephemeral: false });
      expect(card.blocks?.[0]).toMatchObject({ type: 'header' });
      expect(stream.states.length).toBeGreaterThan(1);
    } finally {
      stream.stop();
    }
  }, 90_000);

  it('answers a click on Approve by the requester or by someone outside the policy with the bot\'s refusal, to them alone', async () => {
    // given: a fresh healthy world, and alice's deploy waiting for approval
    await postJson(base, '/api/scenario', { scenario: 'healthy' });
    const [alice, dave, bob] = (await Promise.all([ALICE, DAVE, BOB].map((user) => StateStream.open(base, user)))) as [StateStream, StateStream, StateStream];
    try {
      await postJson(base, '/api/command', { user: ALICE, text: '/deploy backend 1.2.0' });
      const card = await alice.waitFor((s) => s.messages.find((m) => JSON.stringify(m.blocks ?? []).includes('"action_id":"approve"')), 'the approval card');
      // staging is protected in the playground's world: Approve asks for confirmation first
      expect(JSON.stringify(card.blocks)).toContain('"text":"Go back"');
      expect(JSON.stringify(card.blocks)).toContain('"text":"Approve in staging?"');

      // when
      const byAlice = await postJson(base, '/api/click', { user: ALICE, ts: card.ts, actionId: 'approve' });
      const byDave = await postJson(base, '/api/click', { user: DAVE, ts: card.ts, actionId: 'approve' });

      // then
      expect([byAlice.status, byDave.status]).toEqual([200, 200]);
      const refusedAlice = await alice.waitFor((s) => findMessage(s, 'you asked for this; someone else has to approve it'), "alice's refusal");
      const refusedDave = await dave.waitFor((s) => findMessage(s, 'only @release-managers may approve deploys in staging'), "dave's refusal");
      expect([refusedAlice.ephemeral, refusedDave.ephemeral]).toEqual([true, true]);
      const bobSees = bob.states.at(-1)!;
      expect(findMessage(bobSees, 'you asked for this')).toBeUndefined();
      expect(findMessage(bobSees, 'only @release-managers')).toBeUndefined();
    } finally {
      for (const stream of [alice, dave, bob]) stream.stop();
    }
  }, 120_000);

  it('answers an unknown command with Slackbot\'s ephemeral, sends nothing for blank text, and passes 5,000 characters as typed', async () => {
    // given
    const alice = await StateStream.open(base, ALICE);
    try {
      await alice.waitFor((s) => s, 'a first state');
      const long = 'x'.repeat(5000);

      // when
      const unknown = await postJson(base, '/api/command', { user: ALICE, text: '/foo bar' });
      const blank = await postJson(base, '/api/command', { user: ALICE, text: '  \n ' });
      const command = await postJson(base, '/api/command', { user: ALICE, text: `/deploy backend ${long}` });
      const message = await postJson(base, '/api/command', { user: ALICE, text: long });

      // then
      expect([unknown, blank, command, message].map((a) => JSON.parse(a.body).outcome)).toEqual(['unknown-command', 'nothing', 'command', 'posted']);
      const slackbot = await alice.waitFor((s) => findMessage(s, NOT_A_COMMAND('/foo')), 'Slackbot\'s answer');
      expect(slackbot).toMatchObject({ author: 'Slackbot', authorKind: 'slackbot', ephemeral: true, text: NOT_A_COMMAND('/foo') });
      const posted = await alice.waitFor((s) => s.messages.find((m) => m.authorKind === 'person' && m.text === long), 'the 5,000-character message');
      expect(posted).toMatchObject({ author: 'alice', ephemeral: false });
      // the bot got the whole text: it refuses the 5,000-character version, to alice alone
      const answer = await alice.waitFor((s) => s.messages.find((m) => m.ephemeral && m.authorKind === 'bot' && m.text.includes('version: "xxxxxxxxxx')), "the bot's answer to the long command");
      expect(answer.author).toBe('shipmate');
      // and what a person types reaches Slack as its client sends it: &, < and > as entities, so markup stays text
      await postJson(base, '/api/command', { user: ALICE, text: '<!here> & <b>' });
      const typed = await alice.waitFor((s) => s.messages.find((m) => m.authorKind === 'person' && m.text.includes('&lt;!here&gt;')), 'the typed markup');
      expect(typed.text).toBe('&lt;!here&gt; &amp; &lt;b&gt;');
      const bob = await StateStream.open(base, BOB);
      const bobSees = await bob.waitFor((s) => s, 'a first state');
      bob.stop();
      expect(findMessage(bobSees, NOT_A_COMMAND('/foo'))).toBeUndefined();
    } finally {
      alice.stop();
    }
  }, 90_000);

  it('refuses bad requests with a JSON error and a 4xx status, never echoing what was sent', async () => {
    // given
    const json = { 'content-type': 'application/json' };
    const hostile = '<script>alert(1)</script>';

    // when
    const answers = await Promise.all([
      send(base, 'POST', '/api/command', '{"user":', json),
      send(base, 'POST', '/api/command', '[1,2]', json),
      send(base, 'POST', '/api/command', JSON.stringify({ user: ALICE, text: 'x'.repeat(MAX_BODY_BYTES) }), json),
      send(base, 'POST', '/api/command', JSON.stringify({ user: ALICE, text: 'hi' }), { 'content-type': 'text/plain' }),
      postJson(base, '/api/command', { user: hostile, text: 'hi' }),
      postJson(base, '/api/command', { user: ALICE }),
      postJson(base, '/api/scenario', { scenario: hostile }),
      postJson(base, '/api/nope', {}),
      send(base, 'PUT', '/', 'x'),
      send(base, 'GET', '/', undefined, { host: 'evil.example:80' }),
    ]);

    // then
    expect(answers.map((a) => a.status)).toEqual([400, 400, 413, 415, 400, 400, 400, 404, 405, 421]);
    for (const answer of answers) {
      expect(answer.type).toBe('application/json; charset=utf-8');
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: expect.any(String) });
      expect(answer.body).not.toContain('<script>');
    }
  });

  it('resets the world on a scenario pick: a fresh channel, then Connected, in the scenario picked', async () => {
    // given: something in the channel
    await postJson(base, '/api/scenario', { scenario: 'healthy' });
    await postJson(base, '/api/command', { user: ALICE, text: 'before the reset' });
    const alice = await StateStream.open(base, ALICE);
    try {
      await alice.waitFor((s) => findMessage(s, 'before the reset'), 'the message before the reset');
      const seen = alice.states.length;

      // when
      const reset = await postJson(base, '/api/scenario', { scenario: 'frozen' });

      // then
      expect(JSON.parse(reset.body)).toEqual({ ok: true, scenario: 'frozen' });
      await alice.waitFor((s) => (s.status === 'resetting' ? s : undefined), 'the resetting status', 60_000, seen);
      const fresh = await alice.waitFor((s) => (s.status === 'connected' && s.scenario === 'frozen' ? s : undefined), 'the new world', 60_000, seen);
      expect(fresh.messages).toEqual([]);
      await postJson(base, '/api/command', { user: ALICE, text: '/deploy backend 1.2.0' });
      const refusal = await alice.waitFor((s) => findMessage(s, 'staging is frozen (playground freeze)'), 'the freeze refusal');
      expect(refusal.ephemeral).toBe(true);
    } finally {
      alice.stop();
      await postJson(base, '/api/scenario', { scenario: 'healthy' });
    }
  }, 120_000);
});
