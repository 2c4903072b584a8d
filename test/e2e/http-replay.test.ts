import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { createStore } from '../../src/adapters/store/create-store.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { deliverOverHttp } from '../../src/sandbox/slack/deliver-over-http.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { slashCommandPayload } from '../../src/sandbox/slack/slash-command-payload.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { commandsHandled } from '../support/commands-handled.js';
import { waitUntil } from '../support/wait-until.js';

/** HTTP mode on the compiled bot: future-dated and replayed signed requests are refused before any handler; OPS_PORT. */
const RELEASES = 'C0RELEASES';
const BACKEND_SYSTEMS = ['codebuild', 'ecr', 'quotas', 'kubernetes', 'http'];
const FUTURE = 'a timestamp more than 5 minutes ahead';
const REPLAY = 'a signature already seen (a replay)';
const occurrences = (text: string, what: string) => text.split(what).length - 1;

describe('HTTP mode refuses future-dated and replayed signed requests', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  let opsPort: number;
  const slack = () => session.sandbox.state.slack;
  const logged = (what: string) => occurrences(bot.output(), what);
  const handled = (command: string) => commandsHandled(opsPort, command);
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
    opsPort = await freePort();
    bot = await startCompiledBot(session, 'http', { OPS_PORT: String(opsPort) });
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it('answers a request signed 6 minutes in the future with 401, says why in the log, and no handler runs', async () => {
    // given
    const before = await traces();
    const refusals = logged(FUTURE);
    // when
    const result = await slack().sendSlashCommand(
      { command: '/build', text: '1.2.0 backend', userId: 'U0ALICE', channelId: RELEASES },
      delivery(Math.floor(Date.now() / 1000) + 6 * 60),
    );
    // then: the guard's log line is the sign it dealt with the request (it refuses before any handler)
    expect(result.status).toBe(401);
    expect(result.ack).toBeUndefined();
    await waitUntil(() => logged(FUTURE) === refusals + 1, 10_000, 'the refusal in the log');
    expect(await traces()).toEqual(before);
    expect(bot.output()).not.toMatch(/v0=[0-9a-f]{64}/);
  });

  it('accepts a signed request once, and answers the very same request sent again with 401, says why in the log, no handler running', async () => {
    // given one signed /build, byte for byte, with one timestamp
    const responseUrl = slack().createResponseUrl(RELEASES, 'U0ALICE');
    const form = new URLSearchParams(
      slashCommandPayload(slack().world, { command: '/build', text: '1.2.0 backend', userId: 'U0ALICE', channelId: RELEASES }, responseUrl),
    ).toString();
    const signedOnce = delivery(Math.floor(Date.now() / 1000));
    const before = await traces();
    const builds = await handled('build');
    const replays = logged(REPLAY);
    // when it is delivered
    const first = await deliverOverHttp(signedOnce, form);
    // then it is handled to the end: the approval card is posted, the request audited, AWS asked
    expect(first.status).toBe(200);
    await slack().waitForMessage((m) => m.channel === RELEASES && JSON.stringify(m.blocks ?? []).includes('"approval:'), 15_000);
    await waitUntil(async () => (await handled('build')) === builds + 1, 10_000, 'the /build handler to return');
    const afterFirst = await traces();
    expect(afterFirst.posted).toBeGreaterThan(before.posted);
    expect(afterFirst.audit).toBeGreaterThan(before.audit);
    expect(afterFirst.backendCalls).toBeGreaterThan(before.backendCalls);
    // when the same request is delivered again (a replay)
    const replay = await deliverOverHttp(signedOnce, form);
    // then
    expect(replay.status).toBe(401);
    expect(replay.ack).toBeUndefined();
    await waitUntil(() => logged(REPLAY) === replays + 1, 10_000, 'the refusal in the log');
    expect(await traces()).toEqual(afterFirst);
    expect(await handled('build')).toBe(builds + 1);
    expect(bot.output()).not.toMatch(/v0=[0-9a-f]{64}/);
  }, 30_000);

  it('still accepts a fresh signature on the same command (as Slack signs each retry anew)', async () => {
    // when
    const result = await slack().sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES }, delivery());
    const again = await slack().sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES }, delivery());
    // then
    expect([result.status, again.status]).toEqual([200, 200]);
    expect(JSON.stringify(again.ack)).toContain('/shipmate help');
  });

});

interface OpsBot {
  postgres: TestPostgres;
  session: SandboxSession;
  bot: CompiledBot;
  opsPort: number;
}

/** The compiled bot on a PostgreSQL store of its own, with OPS_PORT set. */
async function startOpsBot(database: string): Promise<OpsBot> {
  const postgres = await startPostgres();
  // Trust authentication ignores the password: it is there to show it never reaches /readyz.
  const url = (await postgres.createDatabase(database)).replace('postgres@', `postgres:${OPS_PASSWORD}@`);
  const healthy = loadScenario('healthy');
  const session = await startSandboxSession({ ...healthy, configPatch: [...healthy.configPatch, { op: 'add', path: '/store', value: { url } }] });
  const opsPort = await freePort();
  const bot = await startCompiledBot(session, 'http', { OPS_PORT: String(opsPort) });
  return { postgres, session, bot, opsPort };
}

async function stopOpsBot(ops: OpsBot | undefined): Promise<void> {
  await ops?.bot.stop();
  await ops?.session.close();
  ops?.postgres.stop();
}

const OPS_PASSWORD = 'ops-port-test-password';
const get = async (port: number, path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
};

describe('OPS_PORT: the operations endpoints on a port of their own', () => {
  let ops: OpsBot;
  beforeAll(async () => {
    ops = await startOpsBot('shipmate_ops');
  }, 60_000);
  afterAll(() => stopOpsBot(ops));

  it('serves /healthz, /readyz and /metrics on OPS_PORT', async () => {
    // when
    const [health, ready, metrics] = await Promise.all([get(ops.opsPort, '/healthz'), get(ops.opsPort, '/readyz'), get(ops.opsPort, '/metrics')]);
    // then
    expect(health).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('# TYPE');
  });

  it('does not serve them on PORT, where Slack requests are still answered', async () => {
    // when
    const onPort = await Promise.all(['/healthz', '/readyz', '/metrics'].map((path) => get(ops.bot.port, path)));
    const help = await ops.session.sandbox.state.slack.sendSlashCommand(
      { command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: RELEASES },
      { mode: 'http', url: `http://127.0.0.1:${ops.bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET },
    );
    // then
    expect(onPort.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.ack)).toContain('/shipmate help');
  });
});

describe('OPS_PORT when the store stops answering', () => {
  // A bot and a database of its own: this test stops the database.
  let ops: OpsBot;
  beforeAll(async () => {
    ops = await startOpsBot('shipmate_ops_down');
  }, 60_000);
  afterAll(() => stopOpsBot(ops));

  it('/readyz says "failing" and not why', async () => {
    // given the database goes away
    ops.postgres.stop();
    // when
    const ready = await get(ops.opsPort, '/readyz');
    // then
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'not ready', checks: { store: 'failing', slack: 'ok', shutdown: 'ok' } });
    expect(ready.body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres|password|connect/i);
  }, 30_000);
});
