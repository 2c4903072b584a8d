import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { createStore } from '../../src/adapters/store/create-store.js';
import { packageRoot } from '../../src/package-root.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { releaseScenario } from '../support/release-plan-world.js';

/** `shipmate release plan`, the compiled program against the sandbox: read-only, and its exit code gates a CI job like readiness's. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

async function session(worldPatch: Parameters<typeof releaseScenario>[1] = []): Promise<SandboxSession> {
  const s = await startSandboxSession(releaseScenario(undefined, worldPatch));
  sessions.push(s);
  return s;
}

const writes = (s: SandboxSession) => s.sandbox.state.calls.filter((c) => !/^(GET |Describe|BatchGetImage)/.test(c.operation));

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('shipmate release plan, compiled, against the sandbox', () => {
  it('exits 0 on the healthy world with the plan on stdout, writes nothing and creates no store', async () => {
    // given
    const s = await session();
    // when
    const run = await runCompiledCli(['release', 'plan', '1.1.0', '--env', 'staging'], { ...s.env, COLUMNS: '100' });
    // then
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('READY · no blockers: it can be approved');
    expect(run.stdout).toContain("  2 migrate: alembic upgrade head in a Job from backend's image (time limit 20 min)\n");
    expect(run.stdout).toMatch(/ {2}backend: shop\/backend:1\.1\.0 → shop\/backend:1\.1\.0@sha256:[0-9a-f]{12}…\n/);
    expect(run.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(s.sandbox.state.calls.length).toBeGreaterThan(0);
    expect(writes(s)).toEqual([]);
    expect(existsSync(join(s.dir, 'shipmate.db'))).toBe(false);
  });

  it('--format json prints one object a pipeline can parse', async () => {
    const s = await session();
    const run = await runCompiledCli(['release', 'plan', 'v1.1.0', '--format', 'json'], s.env);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ environment: 'staging', version: '1.1.0', ready: true, blockers: [], from: 1 });
    expect(json.stages.map((st: { type: string }) => st.type)).toEqual(['snapshot', 'migrate', 'deploy', 'verify', 'deploy', 'verify']);
    expect(json.services.map((t: { service: string; digest: string }) => [t.service, /^sha256:[0-9a-f]{64}$/.test(t.digest)])).toEqual([
      ['backend', true],
      ['frontend', true],
    ]);
  });

  it('exits 1 when an image is neither in ECR nor built, naming it', async () => {
    const s = await session([{ op: 'remove', path: '/ecr/repositories/1/images/0' }]);
    const run = await runCompiledCli(['release', 'plan', '1.1.0', '--env', 'staging', '--format', 'markdown'], s.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('**❌ BLOCKED** · 1 blocker');
    expect(run.stdout).toContain('- frontend: shop/frontend:1.1.0 is not in ECR, and this release does not build it');
  });

  it("exits 1 when the bot's store holds a lock on a service the release deploys", async () => {
    // given: the bot's SQLite store, as a running bot leaves it
    const s = await session();
    const store = createStore(`sqlite:${join(s.dir, 'shipmate.db')}`);
    await store.migrate();
    await store.acquireLock({ service: 'frontend', environment: 'staging', holder: 'U0BOB', reason: 'flaky checkout', at: new Date() });
    await store.close();
    // when
    const run = await runCompiledCli(['release', 'plan', '1.1.0'], s.env);
    // then
    expect(run.code).toBe(1);
    expect(run.stdout.replace(/\s+/g, ' ')).toMatch(/✗ deploys of frontend to staging are locked by @U0BOB since .+: flaky checkout until someone runs \/shipmate unlock/);
  });

  it('exits 3 with one line when AWS cannot be reached', async () => {
    const s = await session();
    const run = await runCompiledCli(['release', 'plan', '1.1.0'], { ...s.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`, AWS_MAX_ATTEMPTS: '1' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^shipmate: could not make the plan: /);
  });
});

describe('bad input to shipmate release plan: exit 2, one line on stderr, nothing called', () => {
  it.each([
    [['--from', 'rollout'], "shipmate: --from rollout: no stage is called that; give a stage's number or its type: the stages are 1 snapshot, 2 migrate, 3 deploy, 4 verify, 5 deploy, 6 verify"],
    [['--from', 'deploy'], "shipmate: --from deploy: the release has 2 deploy stages (3, 5); give the stage's number"],
    [['--env', 'qa'], 'shipmate: unknown environment "qa" (known: staging, production)'],
    [['--env', 'production'], 'shipmate: no release is configured for production (environments.production.releases)'],
    [['--format', 'junit'], 'shipmate: --format "junit": use one of terminal, json, markdown'],
  ])('release plan 1.1.0 %j', async (args, message) => {
    const s = await session();
    const run = await runCompiledCli(['release', 'plan', '1.1.0', ...args], s.env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(s.sandbox.state.calls).toEqual([]);
  });

  it('a bad version names the usage', async () => {
    const s = await session();
    const run = await runCompiledCli(['release', 'plan', '1..0/x'], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^shipmate: version: "1\.\.0\/x" is not a valid version.*; usage: shipmate release plan \[--env E\] .*<version>$/);
    expect(s.sandbox.state.calls).toEqual([]);
  });
});
