import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { packageRoot } from '../../src/package-root.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { writeTranscript } from '../../src/sandbox/transcript.js';
import {
  SANDBOX_SLACK_APP_TOKEN,
  SANDBOX_SLACK_BOT_TOKEN,
  SANDBOX_SLACK_SIGNING_SECRET,
} from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

/** The compiled bot's start-up (dist/src/cli.js start): what it says at info, and how it ends when Slack cannot be reached or refuses a token. */
type LogLine = { level?: string; msg?: string; startup?: Record<string, unknown> };
const jsonLines = (output: string): LogLine[] =>
  output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
const startupLine = (output: string) => jsonLines(output).find((l) => l.startup !== undefined);
const secretsOf = (session: SandboxSession) => [SANDBOX_SLACK_BOT_TOKEN, SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_SIGNING_SECRET, session.env.AWS_SECRET_ACCESS_KEY!];

/** Runs `shipmate start` until it exits on its own (the test's timeout bounds the wait); its output joins the suite's secret scan. */
function runUntilExit(session: SandboxSession, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), 'start'], {
      env: { ...process.env, ...session.env, SLACK_BOT_TOKEN: SANDBOX_SLACK_BOT_TOKEN, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      writeTranscript('bot-output', output);
      resolve({ code, output });
    });
  });
}

describe('start-up logs at info', () => {
  let session: SandboxSession;
  let postgres: TestPostgres;
  const bots: CompiledBot[] = [];
  const PASSWORD = 'startup-log-test-password';

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    postgres = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await session?.close();
    postgres?.stop();
  });

  it('Socket Mode: names the mode, PORT and OPS_PORT, each environment with its services, and the SQLite store, with no secret', async () => {
    // given
    const opsPort = await freePort();
    // when
    const bot = await startCompiledBot(session, 'socket', { OPS_PORT: String(opsPort) });
    bots.push(bot);
    // then
    const line = startupLine(bot.output());
    expect(line?.level).toBe('info');
    expect(line?.startup).toEqual({
      mode: 'Socket Mode',
      port: bot.port,
      opsPort,
      environments: { staging: 3, production: 3 },
      store: { kind: 'sqlite', path: join(session.dir, 'shipmate.db') },
    });
    expect(line?.msg).toContain(`Socket Mode; PORT ${bot.port}, OPS_PORT ${opsPort}; environments staging (3 services), production (3 services); store sqlite`);
    expect(bot.output()).toMatch(/shipmate is connected in Socket Mode/);
    for (const secret of secretsOf(session)) expect(bot.output()).not.toContain(secret);
  });

  it('HTTP mode with PostgreSQL: names the host and database of the store, never its user or password', async () => {
    // given: a store URL with user-info (trust authentication ignores the password)
    const url = (await postgres.createDatabase('shipmate_startup')).replace('postgres@', `postgres:${PASSWORD}@`);
    const healthy = loadScenario('healthy');
    const pgSession = await startSandboxSession({ ...healthy, configPatch: [...healthy.configPatch, { op: 'add', path: '/store', value: { url } }] });
    try {
      // when
      const bot = await startCompiledBot(pgSession, 'http');
      bots.push(bot);
      // then
      const line = startupLine(bot.output());
      const host = new URL(url).host;
      expect(line?.startup).toEqual({ mode: 'HTTP', port: bot.port, environments: { staging: 3, production: 3 }, store: { kind: 'postgres', host, database: 'shipmate_startup' } });
      expect(line?.msg).toContain(`store postgres ${host}/shipmate_startup`);
      expect(bot.output()).not.toContain(PASSWORD);
      expect(bot.output()).not.toContain('postgres@');
      for (const secret of secretsOf(pgSession)) expect(bot.output()).not.toContain(secret);
      await bot.stop();
    } finally {
      await pgSession.close();
    }
  }, 60_000);
});

describe('a Slack connection failure at start-up ends it with one line naming the host and the cause', () => {
  let session: SandboxSession;
  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
  });
  afterAll(async () => {
    await session?.close();
  });
  const errorLines = (output: string) => jsonLines(output).filter((l) => l.level === 'error');
  const expectNoStackNorSecret = (output: string, extraSecrets: string[] = []) => {
    expect(output).not.toMatch(/^\s+at /m);
    for (const secret of [...secretsOf(session), ...extraSecrets]) expect(output).not.toContain(secret);
  };

  it.each(['socket', 'http'] as const)('%s mode: a SLACK_API_URL where nothing listens exits 1 naming 127.0.0.1:<port> and ECONNREFUSED', async (mode) => {
    // given: a port on 127.0.0.1 where nothing listens
    const deadPort = await freePort();
    const secret: Record<string, string> = mode === 'socket' ? { SLACK_APP_TOKEN: SANDBOX_SLACK_APP_TOKEN } : { SLACK_SIGNING_SECRET: SANDBOX_SLACK_SIGNING_SECRET };
    // when
    const { code, output } = await runUntilExit(session, { ...secret, SLACK_API_URL: `http://127.0.0.1:${deadPort}/api/`, PORT: String(await freePort()) });
    // then
    expect(code).toBe(1);
    expect(errorLines(output).map((l) => l.msg)).toEqual([`cannot connect to Slack at 127.0.0.1:${deadPort}: ECONNREFUSED`]);
    expect(startupLine(output)?.startup?.mode).toBe(mode === 'socket' ? 'Socket Mode' : 'HTTP');
    expect(output).not.toMatch(/shipmate is (connected|listening)/);
    expectNoStackNorSecret(output);
  }, 60_000);

  it('a bot token the sandbox refuses exits 1 saying invalid_auth, without the token', async () => {
    // given
    const wrongToken = 'xoxb-not-the-sandbox-bot-token-4242';
    // when
    const { code, output } = await runUntilExit(session, {
      SLACK_BOT_TOKEN: wrongToken,
      SLACK_APP_TOKEN: SANDBOX_SLACK_APP_TOKEN,
      SLACK_API_URL: `${session.sandbox.url}/slack/api/`,
      PORT: String(await freePort()),
    });
    // then
    expect(code).toBe(1);
    expect(errorLines(output).map((l) => l.msg)).toEqual([`cannot connect to Slack at ${new URL(session.sandbox.url).host}: invalid_auth`]);
    expectNoStackNorSecret(output, [wrongToken, 'not-the-sandbox-bot-token']);
  }, 60_000);

  it('an app token the sandbox refuses (apps.connections.open) exits 1, the last line saying invalid_auth, without the token', async () => {
    // given
    const wrongAppToken = 'xapp-1-not-the-sandbox-app-token-4242';
    // when
    const { code, output } = await runUntilExit(session, {
      SLACK_APP_TOKEN: wrongAppToken,
      SLACK_API_URL: `${session.sandbox.url}/slack/api/`,
      PORT: String(await freePort()),
    });
    // then
    expect(code).toBe(1);
    expect(errorLines(output).at(-1)?.msg).toBe(`cannot connect to Slack at ${new URL(session.sandbox.url).host}: invalid_auth`);
    expectNoStackNorSecret(output, [wrongAppToken, 'not-the-sandbox-app-token']);
  }, 60_000);
});
