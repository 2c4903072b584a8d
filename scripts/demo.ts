import type { SlackMessage } from '../src/adapters/slack/blocks/slack-message.js';
import type { PostedMessage } from '../src/sandbox/slack/slack-log.js';
import type { SlackWorkspace } from '../src/sandbox/slack/slack-workspace.js';
import { previewSlackMessage } from '../src/render/slack-preview.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import { startCompiledBot } from './run-compiled-bot.js';
import { runCompiledCli } from './run-compiled-cli.js';

/**
 * npm run demo: the compiled shipmate against the sandbox, on a healthy world
 * and on a broken one — the terminal report of `shipmate readiness`, then the
 * bot in Socket Mode answering `/readiness`, with the card it posted drawn
 * from the blocks the sandbox's Slack received; on the healthy world also a
 * /deploy: approval card, approval, the rollout in the thread, /verify.
 */
const runs = [
  { scenario: 'healthy', title: 'A healthy staging environment' },
  { scenario: 'broken-release', title: 'A production environment with the defects reviews keep finding' },
];
// NO_COLOR (https://no-color.org) or --no-color turn colour off here and in the readiness report the demo runs.
const noColor = Boolean(process.env.NO_COLOR) || process.argv.includes('--no-color');
const color = process.stdout.isTTY === true && !noColor;
const say = (text: string) => process.stdout.write(text);

let failed = false;
for (const { scenario: name, title } of runs) {
  const scenario = loadScenario(name);
  const session = await startSandboxSession(scenario);
  try {
    say(`\n━━ ${title} (sandbox scenario "${name}") ━━\n\n$ shipmate readiness --env ${scenario.environment}\n\n`);
    const { code } = await runCompiledCli(['readiness', '--env', scenario.environment, ...(noColor ? ['--no-color'] : [])], session.env, true);
    say(`\n(exit code ${code}: ${code === 0 ? 'nothing fails' : code === 1 ? 'a check fails; a CI gate would stop here' : code === 3 ? 'checks could not run; a CI gate would stop here' : 'usage or configuration error'})\n`);
    failed ||= code === 2;

    say(`\nIn Slack, alice types /readiness ${scenario.environment} in #releases; the bot (Socket Mode) acks and posts:\n\n`);
    const bot = await startCompiledBot(session, 'socket');
    try {
      const slack = session.sandbox.state.slack;
      await slack.waitForSocket(10_000);
      await slack.sendSlashCommand({ command: '/readiness', text: scenario.environment, userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
      const card = await slack.waitForMessage((m) => m.channel === 'C0RELEASES', 15_000);
      say(show(card) + '\n');
      if (name === 'healthy') await deployDemo(slack);
    } finally {
      await bot.stop();
    }
  } finally {
    await session.close();
  }
}
process.exitCode = failed ? 2 : 0;

function show(message: PostedMessage): string {
  return previewSlackMessage({ text: message.text ?? '', blocks: (message.blocks ?? []) as SlackMessage['blocks'] }, { color });
}

/** alice asks for a deploy, bob approves it, the rollout is followed in the card's thread. */
async function deployDemo(slack: SlackWorkspace): Promise<void> {
  say('\nalice types /deploy backend 1.0.0 staging; shipmate runs the preflight and posts an approval card:\n\n');
  await slack.sendSlashCommand({ command: '/deploy', text: 'backend 1.0.0 staging', userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
  const card = await slack.waitForMessage((m) => JSON.stringify(m.blocks ?? []).includes('"approval:'), 15_000);
  say(show(card) + '\n');
  say('\nbob clicks Approve; shipmate patches the Deployment and follows the rollout in the thread:\n\n');
  await slack.clickButton({ userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' }, { mode: 'socket' });
  await slack.waitForMessage((m) => m.threadTs === card.ts && /Verify/.test(`${m.text ?? ''}${JSON.stringify(m.blocks ?? [])}`), 30_000);
  for (const reply of slack.messages.filter((m) => m.threadTs === card.ts)) say(show(reply) + '\n');
  say('\nThe approval card, as it reads now:\n\n');
  say(show(slack.messages.find((m) => m.ts === card.ts)!) + '\n');
}
