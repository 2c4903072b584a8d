import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { packageRoot } from '../../src/package-root.js';
import { displayWidth } from '../../src/render/slack-preview/display-width.js';
import { writeTranscript } from '../../src/sandbox/transcript.js';

/** The demo's text as one line: card borders taken off, wrapped lines joined, so sentences read whole. */
const prose = (output: string) =>
  output
    .split('\n')
    .map((line) => line.replace(/^[│╭╰].?/, '').replace(/.?[│╮╯]$/, ''))
    .join(' ')
    .replace(/\s+/g, ' ');
const widest = (output: string) => Math.max(...output.split('\n').map(displayWidth));
const semver = (v: string) => v.split('.').map(Number) as [number, number, number];
const newer = (a: string, b: string) => {
  const [x, y] = [semver(a), semver(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

function runCompiledDemo(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'scripts', 'demo.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      writeTranscript('cli-output', stdout + stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The release act, after the crash loop: the lock lifted, one card, the six stages in order in its thread, then the sandbox's own records. */
function expectTheRelease(text: string, after: number): void {
  const unlocked = text.search(/Deploys of backend to staging are open again/);
  const card = text.search(/Release 1\.4\.0 to staging \S+ Waiting for approval/);
  const stages = ['Stage 1: snapshot shop-staging-db', 'Stage 2: migrate backend: alembic upgrade head', 'Stage 3: deploy backend', 'Stage 4: verify health, login, me', 'Stage 5: deploy frontend', 'Stage 6: verify health, login, me, catalog'].map((s) => text.indexOf(s));
  const passed = text.search(/Release 1\.4\.0 to staging is done: every stage passed/);
  const snapshot = text.search(/RDS holds one manual snapshot of shop-staging-db, shipmate-staging-1-4-0-[a-z0-9]+: available\./);
  const job = text.search(/Kubernetes ran one Job in shop-staging, shipmate-migrate-[a-z0-9]+: Complete, one pod, image shop\/backend:1\.4\.0@sha256:[0-9a-f]{12}…\. Its log: INFO \[alembic\.runtime\.migration\] Context impl PostgresqlImpl\./);
  expect([after, unlocked, card, ...stages, passed, snapshot, job].every((at) => at >= 0), text).toBe(true);
  expect([after, unlocked, card, ...stages, passed, snapshot, job]).toEqual([...[after, unlocked, card, ...stages, passed, snapshot, job]].sort((a, b) => a - b));
  expect(text).toMatch(/Running upgrade 9f3e6b2c8a47 -> c4d1a9e07b32, add orders\.shipped_at/);
  for (const service of ['backend', 'frontend']) {
    expect(text).toMatch(new RegExp(`The ${service} Deployment runs shop/${service}:1\\.4\\.0@sha256:[0-9a-f]{12}…, the digest ECR holds for 1\\.4\\.0\\.`));
  }
  expect(text).toMatch(/✅ Release 1\.4\.0 to staging succeeded/);
  expect(text).toMatch(/the fix released through the whole runbook\.\s*$/);
}

describe('the demo', () => {
  it('tells the whole story on 60 columns without colour: a build, an upgrade, a crash loop rolled back and locked, then a release through every stage', async () => {
    // given: a pipe, so no terminal width; COLUMNS asks for 60
    // when
    const { code, stdout, stderr } = await runCompiledDemo(['--no-color'], { COLUMNS: '60' });
    // then
    expect(code, stdout + stderr).toBe(0);
    const text = prose(stdout);
    const built = text.search(/The build finished: CodeBuild's run backend-build:\S+ pushed shop\/backend:1\.2\.0 \(linux\/amd64, linux\/arm64\) to ECR\./);
    const upgrade = /backend in staging went from (\d+\.\d+\.\d+) to (\d+\.\d+\.\d+)\./.exec(text);
    const crash = text.search(/The rollout of backend 1\.3\.0 to staging failed — CrashLoopBackOff/);
    const rollingBack = text.search(/Rolling back to `[^`]*1\.2\.0@sha256:/);
    const locked = text.search(/rolled back to 1\.2\.0\. Deploys of backend there are locked until someone runs `\/shipmate unlock backend staging`/);
    const refused = text.search(/deploys of backend to staging are locked by shipmate/);
    expect(built).toBeGreaterThan(0);
    expect(upgrade, text).not.toBeNull();
    expect(newer(upgrade![2]!, upgrade![1]!)).toBeGreaterThan(0);
    expect([upgrade![1], upgrade![2]]).toEqual(['1.1.0', '1.2.0']);
    expect(text).toMatch(/backend 1\.2\.0 is running in staging/);
    expect(text).toMatch(/Verify · staging · 4\/4 passed/);
    expect(built).toBeLessThan(upgrade!.index);
    expect(upgrade!.index).toBeLessThan(crash);
    expect(crash).toBeLessThan(rollingBack);
    expect(rollingBack).toBeLessThan(locked);
    expect(locked).toBeLessThan(refused);
    expect(text).toMatch(/Before 1\.3\.0, staging ran backend 1\.2\.0; it runs 1\.2\.0 now\./);
    expectTheRelease(text, refused);
    expect(widest(stdout)).toBeLessThanOrEqual(60);
    expect(stdout).not.toMatch(/\x1b\[/);
  }, 120_000);

  it('colours a terminal and still keeps every line within its width', async () => {
    // given: a terminal 100 columns wide
    let output = '';
    // when
    const code = await runDemo({ stdout: (text) => (output += text), env: {}, noColor: false, isTty: true, columns: 100 });
    // then
    writeTranscript('cli-output', output);
    expect(code, output).toBe(0);
    expect(output).toMatch(/\x1b\[1m/);
    expect(widest(output)).toBeLessThanOrEqual(100);
    expect(widest(output)).toBeGreaterThan(60);
    expect(prose(output.replace(/\x1b\[[0-9;]*m/g, ''))).toMatch(/are locked until someone runs/);
    expect(prose(output.replace(/\x1b\[[0-9;]*m/g, ''))).toMatch(/Release 1\.4\.0 to staging is done: every stage passed/);
  }, 120_000);
});
