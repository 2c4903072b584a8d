import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli, type CliRun } from '../../scripts/run-compiled-cli.js';
import { checkCatalog } from '../../src/domain/checks/catalog.js';
import { packageRoot } from '../../src/package-root.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { brokenScenarioNames, loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';

/** The checks a Kubernetes service gets: all but the ECS-only ones (the sandbox's three services run on Kubernetes). */
const kubernetesChecks = checkCatalog.filter((c) => c.runtime !== 'ecs');

/** The compiled program, as production runs it: dist/src/cli.js in its own process, configured only by files and environment. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

async function session(scenario: Scenario): Promise<SandboxSession> {
  const s = await startSandboxSession(scenario);
  sessions.push(s);
  return s;
}

async function readinessJson(scenario: Scenario, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const s = await session(scenario);
  const run = await runCompiledCli(
    ['readiness', '--json', '--env', scenario.environment, ...(scenario.version ? ['--version', scenario.version] : []), ...args],
    { ...s.env, ...extraEnv },
  );
  return { run, json: run.stdout ? JSON.parse(run.stdout) : undefined, session: s };
}

const flagged = (json: { checks: { id: string; status: string }[] }) =>
  [...new Set(json.checks.filter((c) => ['fail', 'warn', 'error'].includes(c.status)).map((c) => c.id))].sort();

const severityOf = (id: string) => checkCatalog.find((c) => c.id === id)?.severity;

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function expectNoStackTrace(run: CliRun) {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('shipmate readiness --json, compiled, against the sandbox', () => {
  it('exits 0 with every check passing on the healthy world', async () => {
    const { run, json } = await readinessJson(loadScenario('healthy'));
    expect(run.code).toBe(0);
    expect(json).toMatchObject({ environment: 'staging', version: null, score: 100, verdict: 'ready' });
    expect(json.checks).toHaveLength(kubernetesChecks.length * 3);
    expect(flagged(json)).toEqual([]);
  });

  it('exits 1 on the broken release, flagging the runbook defects', async () => {
    const scenario = loadScenario('broken-release');
    const { run, json } = await readinessJson(scenario);
    expect(run.code).toBe(1);
    expect(json.verdict).toBe('blocked');
    expect(flagged(json)).toEqual([...scenario.expect].sort());
  });

  it('flags the right checks with the right exit code on a broken world of each check family, one of them warnings only', async () => {
    // given: one compiled run per family (test/integration/scenarios.test.ts runs every broken world in-process
    // through the same adapters; this proves the compiled program's JSON and exit codes on a sample), a few at a time
    const all = brokenScenarioNames();
    const families = [...new Set(all.map((n) => n.slice('broken/'.length).split('.')[0]!))];
    const warningsOnly = all.find((n) => loadScenario(n).expect.every((id) => severityOf(id) !== 'fail'))!;
    const names = [...new Set([...families.map((f) => all.find((n) => n.startsWith(`broken/${f}.`))!), warningsOnly])];
    const outcomes: { name: string; code: number; flagged: string[]; expected: string[] }[] = [];
    for (let i = 0; i < names.length; i += 4) {
      const batch = names.slice(i, i + 4).map(async (name) => {
        const scenario = loadScenario(name);
        const { run, json } = await readinessJson(scenario);
        return { name, code: run.code, flagged: flagged(json), expected: [...scenario.expect].sort() };
      });
      outcomes.push(...(await Promise.all(batch)));
    }
    // then
    for (const outcome of outcomes) {
      const blocking = outcome.expected.some((id) => severityOf(id) === 'fail');
      expect({ name: outcome.name, flagged: outcome.flagged, code: outcome.code }).toEqual({
        name: outcome.name,
        flagged: outcome.expected,
        code: blocking ? 1 : 0,
      });
    }
    expect(families).toEqual(expect.arrayContaining(['codebuild', 'ecr', 'k8s', 'ecs', 'http']));
    expect(outcomes.map((o) => o.code)).toEqual(expect.arrayContaining([0, 1]));
  }, 120_000);
});

describe('bad input to the compiled program: one clear line, never a stack trace', () => {
  it.each([
    [['--env', 'qa'], 'shipmate: unknown environment "qa" (known: staging, production)'],
    [['--version', 'v1..0/x'], 'shipmate: version: "v1..0/x" is not a valid version'],
  ])('readiness %j exits 2 and calls nothing', async (args, message) => {
    const s = await session(loadScenario('healthy'));
    const run = await runCompiledCli(['readiness', ...args], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(s.sandbox.state.calls).toEqual([]);
  });

  it('a misspelled config key exits 2 naming the file and the key', async () => {
    const s = await session(loadScenario('healthy'));
    const config = join(s.dir, 'misspelled.yml');
    const doc = parse(readFileSync(s.configPath, 'utf8'));
    writeFileSync(config, JSON.stringify(applyPatch(doc, [{ op: 'add', path: '/services/backend/ecr/repositry', value: 'x' }])));
    const run = await runCompiledCli(['readiness', '--config', config], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`shipmate: ${config}: services.backend.ecr.repositry: unknown key (did you mean "repository"?)`);
  });

  it('an unknown kubeconfig context exits 2 naming the environment', async () => {
    const scenario = loadScenario('healthy');
    const s = await session({ ...scenario, configPatch: [{ op: 'replace', path: '/environments/staging/kubernetes/context', value: 'nope' }] });
    const run = await runCompiledCli(['readiness'], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^shipmate: environments\.staging\.kubernetes: .*nope/);
    expectNoStackTrace(run);
  });

  it('an unreachable Kubernetes API and AWS endpoint report error checks with the reason and exit 3; 0 with --allow-errors', async () => {
    // given: both endpoints point at a port nothing listens on
    const port = await closedPort();
    const s = await session(loadScenario('healthy'));
    const kubeconfig = readFileSync(s.kubeconfigPath, 'utf8').replaceAll(s.sandbox.url, `http://127.0.0.1:${port}`);
    writeFileSync(s.kubeconfigPath, kubeconfig);
    const env = { ...s.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    // when
    const run = await runCompiledCli(['readiness', '--json'], env);
    const allowed = await runCompiledCli(['readiness', '--allow-errors'], env);
    const strict = await runCompiledCli(['readiness', '--strict'], env);
    // then
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout);
    expect(json.checks.some((c: { status: string }) => c.status === 'fail')).toBe(false);
    const k8s = json.checks.find((c: { id: string }) => c.id === 'k8s.deployment');
    const ecr = json.checks.find((c: { id: string }) => c.id === 'ecr.repository');
    expect(k8s).toMatchObject({ status: 'error' });
    expect(k8s.finding).toMatch(new RegExp(`unreachable.*127\\.0\\.0\\.1:${port}`));
    expect(ecr).toMatchObject({ status: 'error' });
    expect(ecr.finding).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('ERROR');
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('--strict is deprecated');
    expectNoStackTrace(run);
    expectNoStackTrace(allowed);
  }, 60_000);

  it('a 403 from AWS and from Kubernetes names the denied action', async () => {
    const scenario = loadScenario('healthy');
    const denied = { ...scenario, world: { ...scenario.world, faults: { deny: ['ecr:DescribeImages', 'k8s:get:secrets'] } } };
    const { run, json } = await readinessJson(denied);
    expect(run.code).toBe(3);
    const tag = json.checks.find((c: { id: string; service: string }) => c.id === 'ecr.tag' && c.service === 'backend');
    const secrets = json.checks.find((c: { id: string; service: string }) => c.id === 'k8s.secrets' && c.service === 'backend');
    expect(tag).toMatchObject({ status: 'error' });
    expect(tag.finding).toContain('not authorized to perform: ecr:DescribeImages');
    expect(tag.fix).toContain('grant');
    expect(secrets).toMatchObject({ status: 'error' });
    expect(secrets.finding).toMatch(/cannot get resource "secrets"/);
    expectNoStackTrace(run);
  });
});

describe('shipmate readiness in terminal format, compiled', () => {
  it('--verbose lists the passing checks once each, naming the services; NO_COLOR=1 output has no ANSI escape', async () => {
    // given: the healthy world, every check passing
    const scenario = loadScenario('healthy');
    const s = await session(scenario);
    // when
    const run = await runCompiledCli(['readiness', '--verbose', '--env', scenario.environment], { ...s.env, NO_COLOR: '1' });
    // then
    expect(run.code).toBe(0);
    const passLines = run.stdout.split('\n').filter((l) => l.startsWith('PASS '));
    expect(passLines).toHaveLength(kubernetesChecks.length);
    expect(run.stdout).toContain(`PASS   ${checkCatalog[0]!.id} · `);
    expect(run.stdout).not.toMatch(/\x1b/);
    expect(run.stderr).not.toContain('checks ');
    expect(Math.max(...run.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('wraps to $COLUMNS when stdout is not a terminal', async () => {
    // given: the broken release, whose findings and fixes are long lines
    const scenario = loadScenario('broken-release');
    const s = await session(scenario);
    // when
    const run = await runCompiledCli(['readiness', '--env', scenario.environment, ...(scenario.version ? ['--version', scenario.version] : [])], { ...s.env, COLUMNS: '50' });
    // then
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    // Only a word longer than the line (an image reference, a URL) may stick out, alone on its line.
    expect(lines.filter((l) => [...l].length > 50 && /\S\s+\S/.test(l.trim()))).toEqual([]);
    expect(Math.max(...lines.filter((l) => /\S\s+\S/.test(l.trim())).map((l) => [...l].length))).toBeGreaterThan(40);
  });
});
