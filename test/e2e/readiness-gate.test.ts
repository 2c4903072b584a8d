import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { checkCatalog } from '../../src/domain/checks/catalog.js';
import { packageRoot } from '../../src/package-root.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { parseJunit } from '../support/junit-xml.js';

/** The checks a Kubernetes service gets: all but the ECS-only ones (the sandbox's three services run on Kubernetes). */
const kubernetesChecks = checkCatalog.filter((c) => c.runtime !== 'ecs');

/** `shipmate readiness` as a CI gate (SPEC §3), on the compiled program against the sandbox. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const cleanups: Array<() => Promise<void>> = [];
afterAll(() => Promise.all(cleanups.map((close) => close())));

async function session(scenario: Scenario): Promise<SandboxSession> {
  const s = await startSandboxSession(scenario);
  cleanups.push(() => s.close());
  return s;
}

const withFaults = (scenario: Scenario, deny: string[]): Scenario => ({ ...scenario, world: { ...scenario.world, faults: { deny } } });

type JsonCheck = { id: string; service: string; status: string; finding: string };
const statuses = (stdout: string): string[] => [...new Set((JSON.parse(stdout).checks as JsonCheck[]).map((c) => c.status))].sort();

/** Everything a CI runner without any cloud access lacks: no AWS credentials anywhere in the chain, no kubeconfig. */
function withoutCredentials(env: Record<string, string>): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'shipmate-no-credentials-'));
  return {
    ...env,
    HOME: home,
    KUBECONFIG: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_WEB_IDENTITY_TOKEN_FILE: '',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

describe('the exit codes of SPEC §3, one row each', () => {
  it('ready → 0', async () => {
    const s = await session(loadScenario('healthy'));
    const run = await runCompiledCli(['readiness', '--json'], s.env);
    expect(statuses(run.stdout)).toEqual(['pass']);
    expect(run.code).toBe(0);
  });

  it('warnings only → 0', async () => {
    const s = await session(loadScenario('broken/ecr.scan-on-push'));
    const run = await runCompiledCli(['readiness', '--json'], s.env);
    expect(statuses(run.stdout)).toEqual(['pass', 'warn']);
    expect(run.code).toBe(0);
  });

  it('a failing check → 1', async () => {
    const s = await session(loadScenario('broken-release'));
    const run = await runCompiledCli(['readiness', '--json'], s.env);
    expect(statuses(run.stdout)).toContain('fail');
    expect(statuses(run.stdout)).not.toContain('error');
    expect(run.code).toBe(1);
  });

  it.each([
    [['--format', 'xml'], 'shipmate: --format "xml": use one of terminal, json, junit, markdown'],
    [['--allow-error'], "shipmate: Unknown option '--allow-error'"],
    [['--json', '--format', 'junit'], 'shipmate: --json and --format junit disagree; give one of them'],
  ])('bad usage %j → 2, one line, nothing called', async (args, message) => {
    const s = await session(loadScenario('healthy'));
    const run = await runCompiledCli(['readiness', ...args], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(s.sandbox.state.calls).toEqual([]);
  });

  it('a bad config → 2', async () => {
    const scenario = loadScenario('healthy');
    const s = await session({ ...scenario, configPatch: [...scenario.configPatch, { op: 'add', path: '/checks/timeoutMs', value: 'soon' }] });
    const run = await runCompiledCli(['readiness', '--format', 'junit'], s.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^shipmate: .*checks\.timeoutMs/);
    expect(run.stdout).toBe('');
  });

  it('no credentials at all (no AWS credentials, no kubeconfig) → 3, every AWS and Kubernetes check an error saying so', async () => {
    // given
    const s = await session(loadScenario('healthy'));
    // when
    const run = await runCompiledCli(['readiness', '--json', '--version', '1.1.0'], withoutCredentials(s.env));
    // then
    expect(run.code).toBe(3);
    const checks = JSON.parse(run.stdout).checks as JsonCheck[];
    expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
    const cloud = checks.filter((c) => /^(codebuild|ecr|k8s)\./.test(c.id));
    expect(cloud.filter((c) => c.status !== 'error')).toEqual([]);
    const k8s = cloud.filter((c) => c.id.startsWith('k8s.') && c.id !== 'k8s.image-registry');
    const aws = cloud.filter((c) => !c.id.startsWith('k8s.'));
    expect(k8s.length).toBeGreaterThan(0);
    expect(aws.length).toBeGreaterThan(0);
    for (const check of k8s) expect(check.finding).toContain('no kubeconfig found');
    for (const check of aws) expect(check.finding).toContain('no AWS credentials found');
    // nothing reached AWS or Kubernetes: only the health URLs were asked
    expect(s.sandbox.state.calls.filter((c) => c.system !== 'http')).toEqual([]);
  });

  it('checks that could not run with --allow-errors → 0', async () => {
    const s = await session(withFaults(loadScenario('healthy'), ['ecr:DescribeImages']));
    const run = await runCompiledCli(['readiness', '--json', '--allow-errors'], s.env);
    expect(statuses(run.stdout)).toEqual(['error', 'pass']);
    expect(run.code).toBe(0);
  });

  it('a failing check and one that could not run → 1, with or without --allow-errors', async () => {
    const s = await session(withFaults(loadScenario('broken-release'), ['ecr:DescribeImages']));
    const run = await runCompiledCli(['readiness', '--json'], s.env);
    const allowed = await runCompiledCli(['readiness', '--allow-errors'], s.env);
    expect(statuses(run.stdout)).toEqual(expect.arrayContaining(['error', 'fail']));
    expect(run.code).toBe(1);
    expect(allowed.code).toBe(1);
  });
});

describe('--format junit and markdown on the compiled CLI', () => {
  it('JUnit: a real XML parser finds a testcase per check and service, failure and error elements where the JSON says fail and error', async () => {
    // given: a world with failing checks and checks AWS refuses
    const s = await session(withFaults(loadScenario('broken-release'), ['ecr:DescribeImages']));
    // when
    const json = JSON.parse((await runCompiledCli(['readiness', '--json'], s.env)).stdout) as { checks: JsonCheck[] };
    const run = await runCompiledCli(['readiness', '--format', 'junit'], s.env);
    // then
    expect(run.code).toBe(1);
    const doc = parseJunit(run.stdout);
    const suites = doc.testsuites.testsuite;
    const cases = suites.flatMap((suite) => suite.testcase.map((c) => ({ suite: suite.name, ...c })));
    const count = (status: string) => json.checks.filter((c) => c.status === status).length;
    expect(suites.map((suite) => suite.name)).toEqual(['staging/backend', 'staging/frontend', 'staging/ml']);
    expect(cases).toHaveLength(kubernetesChecks.length * 3);
    expect(Number(doc.testsuites.tests)).toBe(json.checks.length);
    expect(cases.filter((c) => c.failure)).toHaveLength(count('fail'));
    expect(cases.filter((c) => c.error)).toHaveLength(count('error'));
    expect(cases.filter((c) => c.skipped)).toHaveLength(count('skip'));
    expect(cases.filter((c) => c['system-out']?.startsWith('WARN '))).toHaveLength(count('warn'));
    expect(count('fail')).toBeGreaterThan(0);
    expect(count('error')).toBeGreaterThan(0);
    expect(Number(doc.testsuites.failures)).toBe(count('fail'));
    expect(Number(doc.testsuites.errors)).toBe(count('error'));
    for (const check of json.checks.filter((c) => c.status === 'fail' || c.status === 'error')) {
      const testcase = cases.find((c) => c.suite === `staging/${check.service}` && c.name === check.id);
      expect((testcase?.failure ?? testcase?.error)?.message).toBe(check.finding);
    }
  });

  it('Markdown: a heading, the verdict and score, and one table row per check needing attention', async () => {
    // given
    const s = await session(loadScenario('broken-release'));
    // when
    const json = JSON.parse((await runCompiledCli(['readiness', '--json'], s.env)).stdout) as { score: number; checks: JsonCheck[] };
    const run = await runCompiledCli(['readiness', '--format', 'markdown'], s.env);
    // then
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('### shipmate readiness · staging · deployed versions');
    expect(lines[2]).toBe(`**❌ BLOCKED** · score **${json.score}/100**`);
    const headerAt = lines.indexOf('| Status | Service | Check | Finding | Fix |');
    expect(lines[headerAt + 1]).toBe('| --- | --- | --- | --- | --- |');
    const rows = lines.slice(headerAt + 2, lines.indexOf('', headerAt));
    const attention = json.checks.filter((c) => ['fail', 'warn', 'error'].includes(c.status));
    expect(rows).toHaveLength(attention.length);
    for (const row of rows) expect(row.split(/(?<!\\) \| /)).toHaveLength(5);
    const folded = json.checks.length - attention.length;
    expect(run.stdout).toContain(`<summary>Passed and skipped checks (${folded})</summary>`);
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('an endpoint that never answers', () => {
  it('the report is printed once the check timeout is up, and the process exits although the probe alone would wait 10 minutes', async () => {
    // given: the backend's health URL accepts connections and never answers; the checks time out at 2 s,
    // while a health budget of 200 s gives the probe itself 600 s
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as { port: number };
    const timeoutMs = 2000;
    const scenario = loadScenario('healthy');
    const s = await session({
      ...scenario,
      configPatch: [
        ...scenario.configPatch,
        { op: 'replace', path: '/services/backend/healthUrl', value: `https://127.0.0.1:${port}/health` },
        { op: 'add', path: '/checks/timeoutMs', value: timeoutMs },
        { op: 'add', path: '/checks/healthBudgetMs', value: 200_000 },
      ],
    });
    // when
    const run = await runCompiledCli(['readiness', '--format', 'junit'], s.env);
    // then: it exited (well before the probe's 600 s), having printed the whole report
    expect(sockets.length).toBeGreaterThan(0);
    expect(run.code).toBe(3);
    const report = parseJunit(run.stdout).testsuites;
    const backend = report.testsuite.find((suite) => suite.name === 'staging/backend')!;
    expect(backend.testcase.find((c) => c.name === 'http.health')?.error?.message).toBe(`did not finish within ${timeoutMs} ms`);
    expect(Number(report.tests)).toBe(kubernetesChecks.length * 3);
    const startup = await runCompiledCli(['--version'], s.env);
    console.log(
      `hung health URL: check timeout ${timeoutMs} ms; report on stdout ${run.firstStdoutMs} ms after spawn, ` +
        `process exited ${run.elapsedMs} ms after spawn (${run.elapsedMs - (run.firstStdoutMs ?? 0)} ms after the report); ` +
        `the checks themselves took ${Math.round(Number(report.time) * 1000)} ms; ` +
        `for scale, \`shipmate --version\` takes ${startup.elapsedMs} ms from spawn to exit here`,
    );
  }, 60_000);
  it('a Kubernetes API that never answers: the version under review given, the report comes when the check timeout is up and the process exits', async () => {
    // given: every Kubernetes call hangs (its adapter would wait 10 s); checks time out at 2 s
    const timeoutMs = 2000;
    const scenario = loadScenario('healthy');
    const s = await session({ ...scenario, configPatch: [...scenario.configPatch, { op: 'add', path: '/checks/timeoutMs', value: timeoutMs }] });
    s.sandbox.state.faults.add({ system: 'kubernetes', operation: /.*/, mode: { kind: 'hang' } });
    cleanups.unshift(async () => s.sandbox.state.faults.clear());
    // when
    const run = await runCompiledCli(['readiness', '--format', 'junit', '--version', '1.1.0'], s.env);
    // then
    expect(run.code).toBe(3);
    const report = parseJunit(run.stdout).testsuites;
    const rollout = report.testsuite[0]!.testcase.find((c) => c.name === 'k8s.rollout');
    expect(rollout?.error?.message).toBe(`did not finish within ${timeoutMs} ms`);
    expect(s.sandbox.state.faults.hits.some((hit) => hit.system === 'kubernetes')).toBe(true);
    console.log(
      `hung Kubernetes API: check timeout ${timeoutMs} ms; the checks took ${Math.round(Number(report.time) * 1000)} ms; ` +
        `report on stdout ${run.firstStdoutMs} ms after spawn, process exited ${run.elapsedMs} ms after spawn`,
    );
  }, 60_000);
});
