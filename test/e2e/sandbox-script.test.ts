import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { packageRoot } from '../../src/package-root.js';
import { scenarioNames } from '../../src/sandbox/scenarios.js';
import { writeTranscript } from '../../src/sandbox/transcript.js';
import { SANDBOX_SLACK_BOT_TOKEN } from '../../src/sandbox/slack/sandbox-slack-secrets.js';

/** `npm run sandbox`: the compiled script leaves a sandbox running and says how to point shipmate at it. */
describe('npm run sandbox', () => {
  it('starts the scenario asked for, writes a private env file (tokens never printed), serves a readiness run through it, and stops on SIGINT', async () => {
    // given
    const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'sandbox.js'), 'broken-release'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no env file announced:\n${output}`)), 15_000);
        child.stdout.on('data', () => /source \S+/.test(output) && (clearTimeout(timer), resolve()));
      });
      const envFile = /source (\S+)/.exec(output)![1]!;
      // then: the file is the owner's alone and holds what a shipmate process needs
      expect(statSync(envFile).mode & 0o777).toBe(0o600);
      const env = Object.fromEntries(
        [...readFileSync(envFile, 'utf8').matchAll(/^export (\w+)='(.*)'$/gm)].map((m) => [m[1]!, m[2]!]),
      );
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['SHIPMATE_CONFIG', 'AWS_ENDPOINT_URL', 'KUBECONFIG', 'SLACK_API_URL', 'SLACK_BOT_TOKEN']));
      expect(output).toContain('scenario "broken-release"');
      expect(output).not.toContain(SANDBOX_SLACK_BOT_TOKEN);
      // when
      const run = await runCompiledCli(['readiness', '--env', 'production', '--json'], env);
      // then: the broken world's defects are found through it
      expect(run.code).toBe(1);
      expect((JSON.parse(run.stdout) as { verdict: string }).verdict).toBe('blocked');
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      writeTranscript('cli-output', output);
    }
  }, 60_000);

  it('refuses an unknown scenario with the known ones', async () => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'sandbox.js'), 'nope'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`unknown scenario "nope" (known: ${scenarioNames().join(', ')})`);
    expect(scenarioNames()).toEqual(expect.arrayContaining(['healthy', 'release', 'healthy-ecs', 'broken/k8s.rollout']));
  });
});
