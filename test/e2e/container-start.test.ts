import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageEnvWithWarmCache, imageExecForm, imageNodeOptions } from '../../scripts/dockerfile.js';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { shipmateProgram } from '../../src/shipmate-program.js';

/**
 * No Docker engine here, so the image's own start command (ENTRYPOINT + CMD)
 * and its HEALTHCHECK command are read from the Dockerfile and run on the
 * compiled output, in Socket Mode as the Deployment runs it.
 */
describe('the container start command on the compiled output', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  const get = (path: string) => fetch(`http://127.0.0.1:${bot.port}${path}`);

  beforeAll(async () => {
    ({ session, bot } = await startAsTheImageDoes());
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it('runs with the V8 flags the image sets', () => {
    expect(imageNodeOptions()).toMatch(/--max-old-space-size=\d+/);
  });

  it("passes the image's HEALTHCHECK", () => {
    const check = imageExecForm('HEALTHCHECK(?: --\\S+)* CMD');
    const result = spawnSync(check[0]!, check.slice(1), { env: { ...process.env, PORT: String(bot.port) }, timeout: 10_000 });
    expect(result.status).toBe(0);
  });

  it('is ready: the store answers and Slack is connected', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { store: 'ok', slack: 'ok', shutdown: 'ok' } });
  });

  it('serves Prometheus metrics: commands by name and outcome, check durations, process memory', async () => {
    const slack = session.sandbox.state.slack;
    await slack.sendSlashCommand({ command: '/readiness', text: 'staging', userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
    await slack.waitForMessage((m) => JSON.stringify(m.blocks ?? []).includes('staging'), 15_000);
    await slack.sendSlashCommand({ command: '/deploy', text: '', userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });

    const response = await get('/metrics');
    const text = await response.text();

    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toMatch(/^shipmate_commands_total\{command="readiness",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^shipmate_commands_total\{command="deploy",outcome="refused"\} 1$/m);
    expect(text).toMatch(/^shipmate_check_duration_seconds_count\{check="k8s\.deployment",status="pass"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

});

describe('the container start command on SIGTERM', () => {
  // A process of its own: this test stops it.
  let session: SandboxSession | undefined;
  afterAll(() => session?.close());

  it('stops cleanly', async () => {
    // given
    const started = await startAsTheImageDoes();
    session = started.session;
    // when
    const exitCode = await started.bot.stop();
    // then
    expect(exitCode).toBe(0);
    expect(started.bot.output()).toMatch(/stopped cleanly/);
  }, 30_000);
});

describe('the program the tests and benchmarks start', () => {
  it("is the image's ENTRYPOINT: the bundle, with the image's V8 flags", () => {
    expect(shipmateProgram()).toEqual(imageExecForm('ENTRYPOINT'));
    expect(shipmateProgram()).toContain('--optimize-for-size');
  });
});

/** The compiled bot started by the image's ENTRYPOINT and CMD with its NODE_OPTIONS and a compile cache filled as the image's build fills it, connected in Socket Mode. */
async function startAsTheImageDoes(): Promise<{ session: SandboxSession; bot: CompiledBot }> {
  const session = await startSandboxSession(loadScenario('healthy'));
  const { NODE_OPTIONS, NODE_COMPILE_CACHE } = imageEnvWithWarmCache(mkdtempSync(join(tmpdir(), 'shipmate-compile-cache-')));
  const bot = await startCompiledBot(session, 'socket', { NODE_OPTIONS: NODE_OPTIONS!, NODE_COMPILE_CACHE: NODE_COMPILE_CACHE! }, [
    ...imageExecForm('ENTRYPOINT'),
    ...imageExecForm('CMD'),
  ]);
  await session.sandbox.state.slack.waitForSocket(10_000);
  return { session, bot };
}
