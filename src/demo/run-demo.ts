import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';
import { previewSlackMessage } from '../render/slack-preview.js';
import { startSandboxSession } from '../sandbox/sandbox-session.js';
import { loadScenario } from '../sandbox/scenarios.js';
import { buildAct } from './build-act.js';
import { canaryAct } from './canary-act.js';
import { startCompiledBot } from './compiled-bot.js';
import { runCompiledCli } from './compiled-cli.js';
import { crashLoopAct, upgradeAct } from './deploy-act.js';
import type { DemoIo } from './demo-io.js';
import { demoStyle } from './demo-style.js';
import { command, RELEASES, type DemoStage } from './demo-stage.js';
import { ecsAct, ecsChecks } from './ecs-act.js';
import { fitToWidth } from './fit-to-width.js';
import { releaseAct } from './release-act.js';

export type { DemoIo } from './demo-io.js';
// `shipmate demo --web` loads through this module too, so the image's bundle leaves the playground out with the demo.
export { runPlayground } from '../playground/server/run-playground.js';

const NEW_VERSION = '1.2.0';
const CRASHING_VERSION = '1.3.0';
const RELEASE_VERSION = '1.4.0';
const CANARY_VERSION = '1.1.0';
/** Cards are drawn no wider than this on a wide terminal. */
const CARD_WIDTH = 80;

/**
 * The compiled shipmate against the sandbox (scenarios/demo.yml), the whole
 * story: the readiness report a CI gate reads, the bot in Socket Mode
 * answering /readiness, a /build approved and followed until the image is in
 * ECR, an upgrade deploy of it with its rollout and smoke tests, the same
 * /deploy of the ECS service api (a new task definition revision), a canary
 * of the Argo Rollout checkout (20 %, Promote refused to alice and taken from
 * bob, 50 %, its analysis, 100 %), a crash-looping release rolled back and
 * locked, then the fix as a /release (snapshot, migration Job, both rollouts,
 * smoke tests under one approval). Every Slack message shown is drawn from
 * what the sandbox's Slack received. Resolves to the exit code.
 */
export async function runDemo(io: DemoIo): Promise<number> {
  const { color, columns } = demoStyle(io);
  const say = (text: string) => io.stdout(fitToWidth(text, columns));
  try {
    return await tellTheStory(say, color, columns);
  } catch (error) {
    say(`\nshipmate demo: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function tellTheStory(say: (text: string) => void, color: boolean, columns: number): Promise<number> {
  const scenario = loadScenario('demo');
  const session = await startSandboxSession(scenario);
  try {
    const stage: DemoStage = {
      session,
      say,
      show: (m) => say(previewSlackMessage({ text: m.text ?? '', blocks: (m.blocks ?? []) as SlackMessage['blocks'] }, { color, width: Math.min(columns, CARD_WIDTH) })),
    };
    say(`\n━━ shipmate against its sandbox: AWS, Kubernetes and Slack, all on 127.0.0.1 ━━\n\n$ shipmate readiness --env ${scenario.environment}\n\n`);
    const readiness = await runCompiledCli(['readiness', '--env', scenario.environment, '--no-color'], { ...session.env, COLUMNS: String(columns) });
    say(readiness.stdout);
    say(`\n(exit code ${readiness.code}: ${describeExitCode(readiness.code)})\n`);
    if (readiness.code === 2) {
      say(readiness.stderr);
      return 2;
    }
    await ecsChecks(stage, scenario.environment, columns);
    const bot = await startCompiledBot(session, 'socket', { SHIPMATE_BUILD_POLL_MS: '500' });
    try {
      await session.sandbox.state.slack.waitForSocket(10_000);
      say(`\nshipmate start: the bot connects over Socket Mode. In Slack, alice types /readiness ${scenario.environment} in #releases:\n\n`);
      await command(stage, '/readiness', scenario.environment);
      stage.show(await session.sandbox.state.slack.waitForMessage((m) => m.channel === RELEASES, 20_000));
      await buildAct(stage, NEW_VERSION);
      await upgradeAct(stage, NEW_VERSION);
      await ecsAct(stage, NEW_VERSION);
      await canaryAct(stage, CANARY_VERSION);
      await crashLoopAct(stage, CRASHING_VERSION);
      await releaseAct(stage, RELEASE_VERSION);
    } finally {
      await bot.stop();
    }
    say('\nThat is the story: readiness, a build, an upgrade on Kubernetes and one on ECS, a canary promoted from Slack, a bad release stopped, rolled back and locked, and the fix released through the whole runbook.\n');
    return 0;
  } finally {
    await session.close();
  }
}

function describeExitCode(code: number): string {
  if (code === 0) return 'nothing fails';
  if (code === 1) return 'a check fails; a CI gate would stop here';
  if (code === 3) return 'checks could not run; a CI gate would stop here';
  return 'usage or configuration error';
}
