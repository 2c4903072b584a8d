import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoStage } from '../../src/demo/demo-stage.js';
import { ecsDeployRecord } from '../../src/demo/ecs-act.js';
import { runDemo } from '../../src/demo/run-demo.js';
import { packageRoot } from '../../src/package-root.js';
import { displayWidth } from '../../src/render/slack-preview/display-width.js';
import { repositoryContent } from '../../src/sandbox/aws/ecr-manifests.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { writeTranscript } from '../../src/sandbox/transcript.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

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

const ECS_CHECKS = ['circuit-breaker', 'desired-count', 'health-check', 'image-current', 'image-registry', 'logging', 'platform', 'rollout', 'secrets', 'security-context', 'service'];

/** The ECS act, after the upgrade: api's card, the new revision pinned in the thread, rolled out and verified, then what the sandbox's ECS runs. Returns where it ends. */
function expectTheEcsAct(text: string, after: number): number {
  for (const check of ECS_CHECKS) expect(text).toContain(`PASS ecs.${check} · api`);
  const grep = text.indexOf("$ shipmate readiness --env staging --verbose | grep ' ecs\\.'");
  const card = text.search(/Deploy api 1\.2\.0 to staging \S+ Waiting for approval/);
  const preflight = text.search(/ecs\.service: ECS service api in shop-staging is ACTIVE and runs shop-staging-api:7 container api/);
  const patched = text.search(/Patched ECS service api container api to `111122223333/);
  const rolledOut = text.indexOf('Rolled out. Running /verify for staging', patched);
  const verified = text.indexOf('Verify · staging · 4/4 passed', rolledOut);
  const recorded = text.search(
    /What the sandbox's ECS recorded: service api runs task definition shop-staging-api:8 \(it ran shop-staging-api:7\), its api container on shop\/api:1\.2\.0@sha256:[0-9a-f]{12}…, the digest ECR holds for 1\.2\.0; deployment COMPLETED, 2 of 2 tasks running\./,
  );
  const running = text.search(/api 1\.2\.0 is running in staging: service api runs shop-staging-api:8: 2 of 2 tasks running/);
  const order = [grep, after, card, preflight, patched, rolledOut, verified, recorded, running];
  expect(order.every((at) => at >= 0), JSON.stringify(order)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // long images wrap mid-token at 60 columns: read the pinned one with the spaces taken out
  expect(text.slice(patched, rolledOut).replace(/ /g, '')).toMatch(/to`111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/api:1\.2\.0@sha256:[0-9a-f]{64}`/);
  return running;
}

/** The canary act, after the ECS act: the pause's Promote / Abort card, alice's Promote refused, bob's taken, 50 %, the analysis, 100 %, then the Rollout's own record. Returns where it ends. */
function expectTheCanaryAct(text: string, after: number): number {
  const told = text.indexOf('staging also runs checkout as an Argo Rollout, a canary: shop/checkout:1.0.0 today');
  const firstStep = text.search(/Step 1\/5: setWeight 20/);
  const card = text.search(/The canary of checkout 1\.1\.0 in staging, paused at step 2\/5 \S+ Waiting for Promote or Abort/);
  const buttons = text.indexOf('[ Promote ] [ Abort ]', card);
  const refused = text.indexOf('⛔ you asked for this; someone else has to approve it', buttons);
  const promoted = text.indexOf('Promoted past step 2/5 by @U0BOB.', refused);
  const half = text.indexOf('Step 3/5: setWeight 50', promoted);
  const analysis = text.search(/AnalysisRun checkout-[a-z0-9]+-2-3 Successful: error-rate/);
  const full = text.indexOf('Step 5/5: setWeight 100', analysis);
  const verified = text.indexOf('Verify · staging · 4/4 passed', full);
  const recorded = text.search(
    /What the sandbox's Kubernetes recorded: Rollout checkout is Healthy with every step done, 5 of 5 pods ready, its container on shop\/checkout:1\.1\.0@sha256:[0-9a-f]{12}…, the digest ECR holds for 1\.1\.0; AnalysisRun checkout-[a-z0-9]+-2-3: Successful \(measured \[0\.2\], \[0\.3\]\)\./,
  );
  const byBob = text.indexOf('Promoted by @U0BOB at', recorded);
  const order = [after, told, firstStep, card, buttons, refused, promoted, half, analysis, full, verified, recorded, byBob];
  expect(order.every((at) => at >= 0), JSON.stringify(order)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // the lines that matter, not all of them: the pause's own step line is shown once, before its card
  expect(text.slice(told).match(/Step 2\/5: pause/g)).toHaveLength(1);
  return byBob;
}

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("the demo's ECS record: what the sandbox's ECS runs, not the bot's words", () => {
  async function demoWorld(): Promise<{ stage: DemoStage; deploy: (image: string) => Promise<void>; digest: string }> {
    session = await startSandboxSession(loadScenario('demo'));
    const stage: DemoStage = { session, say: () => undefined, show: () => undefined };
    const ecs = sandboxPorts(session, sessionConfig(session), 'staging').ecs;
    const repository = session.sandbox.state.world.ecr.repositories.find((r) => r.name === 'shop/api')!;
    const digest = repositoryContent(repository).manifests.find((m) => m.isRoot && m.tags.includes('1.2.0'))!.digest;
    /** A new revision with this image, the service updated to it, and its deployment followed until ECS says it completed. */
    const deploy = async (image: string) => {
      const revision = await ecs.registerWithImage('shop-staging-api:7', 'api', image);
      await ecs.updateService('shop-staging', 'api', revision.taskDefinitionArn);
      await expect.poll(async () => (await ecs.describeService('shop-staging', 'api'))?.deployments[0]?.rolloutState, { timeout: 20_000, interval: 100 }).toBe('COMPLETED');
    };
    return { stage, deploy, digest };
  }
  const REGISTRY = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';

  it('stops the demo when the service still runs the revision it ran before', async () => {
    // given: the demo world before any deploy
    const { stage } = await demoWorld();
    // when / then
    expect(() => ecsDeployRecord(stage, '1.2.0', 'shop-staging-api:7')).toThrow("ECS service api runs shop-staging-api:7 (111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.1.0, COMPLETED), not a new revision of 1.2.0 pinned to ECR's digest");
  }, 30_000);

  it('stops the demo when the new revision names the tag without the digest ECR holds', async () => {
    // given
    const { stage, deploy } = await demoWorld();
    // when
    await deploy(`${REGISTRY}:1.2.0`);
    // then
    expect(() => ecsDeployRecord(stage, '1.2.0', 'shop-staging-api:7')).toThrow(/runs shop-staging-api:8 \(\S+shop\/api:1\.2\.0, COMPLETED\), not a new revision of 1\.2\.0 pinned/);
  }, 30_000);

  it('reads the new revision, the pinned image and the running tasks from ECS once the deployment completed', async () => {
    // given
    const { stage, deploy, digest } = await demoWorld();
    // when
    await deploy(`${REGISTRY}:1.2.0@${digest}`);
    // then
    expect(ecsDeployRecord(stage, '1.2.0', 'shop-staging-api:7')).toBe(
      `What the sandbox's ECS recorded: service api runs task definition shop-staging-api:8 (it ran shop-staging-api:7), its api container on shop/api:1.2.0@${digest.slice(0, 19)}…, the digest ECR holds for 1.2.0; deployment COMPLETED, 2 of 2 tasks running.`,
    );
  }, 30_000);
});

describe('the demo', () => {
  it('tells the whole story on 60 columns without colour: a build, an upgrade, an ECS deploy, a canary promoted by bob (alice refused), a crash loop rolled back and locked, then a release through every stage', async () => {
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
    const ecsDone = expectTheEcsAct(text, upgrade!.index);
    const canaryDone = expectTheCanaryAct(text, ecsDone);
    expect(canaryDone).toBeLessThan(crash);
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
    expect(prose(output.replace(/\x1b\[[0-9;]*m/g, ''))).toMatch(/What the sandbox's ECS recorded: service api runs task definition shop-staging-api:8/);
    expect(prose(output.replace(/\x1b\[[0-9;]*m/g, ''))).toMatch(/What the sandbox's Kubernetes recorded: Rollout checkout is Healthy with every step done/);
    expect(prose(output.replace(/\x1b\[[0-9;]*m/g, ''))).toMatch(/Release 1\.4\.0 to staging is done: every stage passed/);
  }, 120_000);
});
