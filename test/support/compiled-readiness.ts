import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { packageRoot } from '../../src/package-root.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import type { Scenario } from '../../src/sandbox/scenarios.js';

export interface ReadinessJson {
  verdict: string;
  checks: { id: string; service: string; status: string; finding: string; fix: string }[];
}

/**
 * `shipmate readiness --json` of the compiled program, in its own process, against a sandbox of the scenario
 * (its environment, and its version when it names one). Call at the top of a test file: it registers the check
 * that dist/ is built and the closing of every sandbox it starts.
 */
export function compiledReadiness(): (scenario: Scenario) => Promise<{ code: number; stderr: string; json: ReadinessJson }> {
  const sessions: SandboxSession[] = [];
  beforeAll(() => {
    if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });
  afterAll(() => Promise.all(sessions.map((s) => s.close())));
  return async (scenario) => {
    const session = await startSandboxSession(scenario);
    sessions.push(session);
    const args = ['readiness', '--json', '--env', scenario.environment, ...(scenario.version ? ['--version', scenario.version] : [])];
    const run = await runCompiledCli(args, session.env);
    return { code: run.code, stderr: run.stderr, json: JSON.parse(run.stdout) as ReadinessJson };
  };
}
