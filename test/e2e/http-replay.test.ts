import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { createStore } from '../../src/adapters/store/create-store.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { deliverOverHttp } from '../../src/sandbox/slack/deliver-over-http.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { slashCommandPayload } from '../../src/sandbox/slack/slash-command-payload.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

/** HTTP mode on the compiled bot: future-dated and replayed signed requests are refused before any handler; OPS_PORT. */
const RELEASES = 'C0RELEASES';
const BACKEND_SYSTEMS = ['codebuild', 'ecr', 'quotas', 'kubernetes', 'http'];
const settle = () => new Promise((r) => setTimeout(r, 1000));

describe('HTTP mode refuses future-dated and replayed signed requests', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  const slack = () => session.sandbox.state.slack;
  const delivery = (timestamp?: number) => ({
    mode: 'http' as const,
    url: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SANDBOX_SLACK_SIGNING_SECRET,
    ...(timestamp !== undefined ? { timestamp } : {}),
  });
  /** Everything a handler could leave behind: messages, response_url posts, audit entries, backend calls. */
  const traces = async () => {
    const store = createStore(`sqlite:${session.dir}/shipmate.db`);
    try {
      return {
        posted: slack().messages.length,
        ephemerals: slack().ephemerals.length,
        responses: slack().responses.length,
        audit: (await store.recentAudit(1000)).length,
        backendCalls: session.sandbox.state.calls.filter((c) => BACKEND_SYSTEMS.includes(c.system)).length,
      };
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    bot = await startCompiledBot(session, 'http');
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it('answers a request signed 6 minutes in the future with 401, and no handler runs', async () => {
    // given
    const before = await traces();
    // when
    const result = await slack().sendSlashCommand(
      { command: '/build', text: '1.2.0 backend', userId: 'U0ALICE', channelId: RELEASES },
      delivery(Math.floor(Date.now() / 1000) + 6 * 60),
    );
    await settle();
    // then
    expect(result.status).toBe(401);
    expect(result.ack).toBeUndefined();
    expect(await traces()).toEqual(before);
  });

  it('accepts a signed request once, and answers the very same request sent again with 401, no handler running', async () => {
    // given one signed /build, byte for byte, with one timestamp
    const responseUrl = slack().createResponseUrl(RELEASES, 'U0ALICE');
    const form = new URLSearchParams(
      slashCommandPayload(slack().world, { command: '/build', text: '1.2.0 backend', userId: 'U0ALICE', channelId: RELEASES }, responseUrl),
    ).toString();
    const signedOnce = delivery(Math.floor(Date.now() / 1000));
    const before = await traces();
    // when it is delivered
    const first = await deliverOverHttp(signedOnce, form);
    // then it is handled: the approval card is posted, the request audited, AWS asked
    expect(first.status).toBe(200);
    await slack().waitForMessage((m) => m.channel === RELEASES && JSON.stringify(m.blocks ?? []).includes('"approval:'), 15_000);
    await settle();
    const afterFirst = await traces();
    expect(afterFirst.posted).toBeGreaterThan(before.posted);
    expect(afterFirst.audit).toBeGreaterThan(before.audit);
    expect(afterFirst.backendCalls).toBeGreaterThan(before.backendCalls);
    // when the same request is delivered again (a replay)
    const replay = await deliverOverHttp(signedOnce, form);
    await settle();
    // then
    expect(replay.status).toBe(401);
    expect(replay.ack).toBeUndefined();
    expect(await traces()).toEqual(afterFirst);
  }, 30_000);

  it('still accepts a fresh signature on the same command (as Slack signs each retry anew)', async () => {
    // when
    const result = await slack().sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES }, delivery());
    const again = await slack().sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES }, delivery());
    // then
    expect([result.status, again.status]).toEqual([200, 200]);
    expect(JSON.stringify(again.ack)).toContain('/shipmate help');
  });

  it('says why in the log, without the signature', () => {
    expect(bot.output()).toContain('a timestamp more than 5 minutes ahead');
    expect(bot.output()).toContain('a signature already seen (a replay)');
    expect(bot.output()).not.toMatch(/v0=[0-9a-f]{64}/);
  });
});

describe('OPS_PORT: the operations endpoints on a port of their own', () => {
  let postgres: TestPostgres;
  let session: SandboxSession;
  let bot: CompiledBot;
  let opsPort: number;
  const PASSWORD = 'ops-port-test-password';
  const get = async (port: number, path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    // Trust authentication ignores the password: it is there to show it never reaches /readyz.
    const url = (await postgres.createDatabase('shipmate_ops')).replace('postgres@', `postgres:${PASSWORD}@`);
    const healthy = loadScenario('healthy');
    session = await startSandboxSession({ ...healthy, configPatch: [...healthy.configPatch, { op: 'add', path: '/store', value: { url } }] });
    opsPort = await freePort();
    bot = await startCompiledBot(session, 'http', { OPS_PORT: String(opsPort) });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
    postgres?.stop();
  });

  it('serves /healthz, /readyz and /metrics on OPS_PORT', async () => {
    // when
    const [health, ready, metrics] = await Promise.all([get(opsPort, '/healthz'), get(opsPort, '/readyz'), get(opsPort, '/metrics')]);
    // then
    expect(health).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('# TYPE');
  });

  it('does not serve them on PORT, where Slack requests are still answered', async () => {
    // when
    const onPort = await Promise.all(['/healthz', '/readyz', '/metrics'].map((path) => get(bot.port, path)));
    const help = await session.sandbox.state.slack.sendSlashCommand(
      { command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES },
      { mode: 'http', url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET },
    );
    // then
    expect(onPort.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.ack)).toContain('/shipmate help');
  });

  it('when the store stops answering, /readyz says "failing" and not why', async () => {
    // given the database goes away
    postgres.stop();
    // when
    const ready = await get(opsPort, '/readyz');
    // then
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'not ready', checks: { store: 'failing', slack: 'ok', shutdown: 'ok' } });
    expect(ready.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres|password|connect/i);
  }, 30_000);
});
