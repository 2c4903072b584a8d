import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { waitUntil } from '../support/wait-until.js';

/** The compiled bot (dist/src/cli.js start) against the sandbox, as Slack would drive it. */
const BACKEND_SYSTEMS = ['codebuild', 'ecr', 'quotas', 'kubernetes', 'http'];
const RELEASES = 'C0RELEASES';

const backendCalls = (session: SandboxSession) => session.sandbox.state.calls.filter((c) => BACKEND_SYSTEMS.includes(c.system));
const headerOf = (m: PostedMessage) => JSON.stringify((m.blocks as { type: string }[] | undefined)?.find((b) => b.type === 'header') ?? '');
const isCard = (environment: string) => (m: PostedMessage) => m.channel === RELEASES && headerOf(m).includes(`Readiness · ${environment}`);
const ackText = (ack: unknown) => JSON.stringify(ack);
const refusalsLogged = (bot: CompiledBot) => bot.output().split('refused a request to /slack/events').length - 1;

describe('HTTP mode: signed requests only', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  const events = () => `http://127.0.0.1:${bot.port}/slack/events`;
  const signed = (extra: Record<string, unknown> = {}) => ({ mode: 'http' as const, url: events(), signingSecret: SANDBOX_SLACK_SIGNING_SECRET, ...extra });

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    bot = await startCompiledBot(session, 'http');
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it.each([
    ['forged (wrong secret)', { signingSecret: 'not-the-signing-secret' }],
    ['unsigned', { unsigned: true }],
    ['stale (10 minutes old)', { timestamp: Math.floor(Date.now() / 1000) - 600 }],
    ['tampered (body changed after signing)', { tamper: 'body' }],
  ])('rejects a %s request before any handler runs', async (_, tweak) => {
    // given
    const callsBefore = backendCalls(session).length;
    const postedBefore = session.sandbox.state.slack.messages.length;
    const answeredBefore = session.sandbox.state.slack.responses.length;
    const refusedBefore = refusalsLogged(bot);
    // when
    const result = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/readiness', text: 'staging', userId: 'U0ALICE', channelId: RELEASES },
      signed(tweak),
    );
    // then: the guard logged its refusal (it does so before answering, and no handler runs after it)
    expect(result.status).toBe(401);
    await waitUntil(() => refusalsLogged(bot) === refusedBefore + 1, 10_000, 'the refusal in the log');
    expect(session.sandbox.state.slack.messages.length).toBe(postedBefore);
    expect(session.sandbox.state.slack.responses.length).toBe(answeredBefore);
    expect(backendCalls(session).length).toBe(callsBefore);
  });

  it('acks a correctly signed /readiness at once, then posts the report card in the channel', async () => {
    // when
    const result = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/readiness', text: 'staging 1.1.0', userId: 'U0ALICE', channelId: RELEASES },
      signed(),
    );
    // then
    expect(result.status).toBe(200);
    expect(ackText(result.ack)).toContain('ephemeral');
    const card = await session.sandbox.state.slack.waitForMessage(isCard('staging'), 10_000);
    expect(card.text).toMatch(/^Readiness staging 1\.1\.0: 100\/100, ready/);
    expect(JSON.stringify(card.blocks)).toContain('all checks pass');
    expect(backendCalls(session).map((c) => c.system)).toEqual(expect.arrayContaining(BACKEND_SYSTEMS));
  });

  it.each([
    ['/readiness', 'qa', 'unknown environment \\"qa\\" (known: staging, production)'],
    ['/readiness', 'staging 1..0/x', 'is not a valid version'],
    ['/shipmate', 'frobnicate', 'unknown subcommand \\"frobnicate\\" (known: help, status, history, '],
  ])('answers bad input %s %s with one ephemeral line and calls nothing', async (command, text, message) => {
    // given
    const callsBefore = backendCalls(session).length;
    const postedBefore = session.sandbox.state.slack.messages.length;
    // when
    const result = await session.sandbox.state.slack.sendSlashCommand({ command, text, userId: 'U0BOB', channelId: RELEASES }, signed());
    // then: the usage line is the ack itself, the last thing the listener does with bad input (it audits and counts it first)
    expect(result.status).toBe(200);
    expect(ackText(result.ack)).toContain('"response_type":"ephemeral"');
    expect(ackText(result.ack)).toContain(message);
    expect(backendCalls(session).length).toBe(callsBefore);
    expect(session.sandbox.state.slack.messages.length).toBe(postedBefore);
  });

  it('/shipmate help lists the commands from their definitions', async () => {
    const result = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES },
      signed(),
    );
    expect(ackText(result.ack)).toContain('/readiness [env] [version]');
    expect(ackText(result.ack)).toContain('/shipmate help');
  });

  it('when the bot is not in the channel, tells the person to invite it, with the card, only to them', async () => {
    // when
    await session.sandbox.state.slack.sendSlashCommand({ command: '/readiness', text: 'production', userId: 'U0CAROL', channelId: 'C0GENERAL' }, signed());
    // then
    const hint = await session.sandbox.state.slack.waitForResponse((r) => r.channel === 'C0GENERAL' && (r.text ?? '').includes('/invite'), 10_000);
    expect(hint).toMatchObject({ responseType: 'ephemeral', user: 'U0CAROL' });
    const card = await session.sandbox.state.slack.waitForResponse((r) => r.channel === 'C0GENERAL' && (r.text ?? '').startsWith('Readiness production'), 10_000);
    expect(card.responseType).toBe('ephemeral');
    expect(session.sandbox.state.slack.messages.some((m) => m.channel === 'C0GENERAL')).toBe(false);
  });

  it('retries chat.postMessage after Retry-After when Slack answers 429', async () => {
    // given
    session.sandbox.state.slack.rateLimit('chat.postMessage', 1, 1);
    const postedBefore = session.sandbox.state.slack.messages.filter(isCard('production')).length;
    // when
    await session.sandbox.state.slack.sendSlashCommand({ command: '/readiness', text: 'production', userId: 'U0ALICE', channelId: RELEASES }, signed());
    // then
    await session.sandbox.state.slack.waitForMessage((m) => isCard('production')(m) && session.sandbox.state.slack.messages.filter(isCard('production')).length > postedBefore, 15_000);
    const posts = session.sandbox.state.slack.calls.filter((c) => c.method === 'chat.postMessage').slice(-2);
    expect(posts.map((c) => c.error ?? 'ok')).toEqual(['ratelimited', 'ok']);
    await waitUntil(() => /Will retry in 1 seconds/.test(bot.output()), 10_000, 'the client to log the Retry-After it honoured');
    expect(session.sandbox.state.slack.messages.filter(isCard('production')).length).toBe(postedBefore + 1);
  }, 30_000);

  it('answers GET /healthz', async () => {
    const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(response.status).toBe(200);
  });

  it('never logs a token', () => {
    expect(bot.output()).not.toMatch(/xoxb-|xapp-|sandbox-fake-signing-secret/);
  });
});

describe('Socket Mode: no public endpoint, and it survives a dropped socket', () => {
  let session: SandboxSession;
  let bot: CompiledBot;

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    bot = await startCompiledBot(session, 'socket');
    await session.sandbox.state.slack.waitForSocket(10_000);
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it('acks /readiness over the socket and posts the card', async () => {
    const result = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/readiness', text: 'staging', userId: 'U0ALICE', channelId: RELEASES },
      { mode: 'socket' },
    );
    expect(ackText(result.ack)).toContain('ephemeral');
    const card = await session.sandbox.state.slack.waitForMessage(isCard('staging'), 10_000);
    expect(card.text).toMatch(/100\/100, ready/);
  });

  it('reconnects after the sandbox drops the socket without a goodbye, and keeps working', async () => {
    // given
    session.sandbox.state.slack.dropSockets();
    expect(session.sandbox.state.slack.socketCount()).toBe(0);
    // when
    await session.sandbox.state.slack.waitForSocket(15_000);
    const before = session.sandbox.state.slack.messages.filter(isCard('production')).length;
    await session.sandbox.state.slack.sendSlashCommand({ command: '/readiness', text: 'production', userId: 'U0BOB', channelId: RELEASES }, { mode: 'socket' });
    // then
    await session.sandbox.state.slack.waitForMessage(
      () => session.sandbox.state.slack.messages.filter(isCard('production')).length > before,
      10_000,
    );
  }, 40_000);

  it('reconnects after a polite disconnect (refresh_requested), and keeps working', async () => {
    session.sandbox.state.slack.disconnectSockets('refresh_requested');
    await session.sandbox.state.slack.waitForSocket(15_000);
    const result = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES },
      { mode: 'socket' },
    );
    expect(ackText(result.ack)).toContain('/readiness [env] [version]');
  }, 40_000);
});
