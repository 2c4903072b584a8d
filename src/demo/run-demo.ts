import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';
import { previewSlackMessage } from '../render/slack-preview.js';
import type { PostedMessage } from '../sandbox/slack/slack-log.js';
import type { SlackWorkspace } from '../sandbox/slack/slack-workspace.js';
import { startSandboxSession } from '../sandbox/sandbox-session.js';
import { loadScenario } from '../sandbox/scenarios.js';
import { startCompiledBot } from './compiled-bot.js';
import { runCompiledCli } from './compiled-cli.js';
import type { DemoIo } from './demo-io.js';
import { fitToWidth } from './fit-to-width.js';

export type { DemoIo } from './demo-io.js';

const runs = [
  { scenario: 'healthy', title: 'A healthy staging environment' },
  { scenario: 'broken-release', title: 'A production environment with the defects reviews keep finding' },
];

/**
 * The compiled shipmate against the sandbox, on a healthy world and on a
 * broken one: the terminal report of `shipmate readiness`, then the bot in
 * Socket Mode answering `/readiness`, with the card it posted drawn from the
 * blocks the sandbox's Slack received. Resolves to the exit code.
 */
export async function runDemo(io: DemoIo): Promise<number> {
  const columns = io.columns && io.columns > 0 ? io.columns : 80;
  const noColor = io.noColor || Boolean(io.env.NO_COLOR);
  const color = io.isTty && !noColor;
  const say = (text: string) => io.stdout(fitToWidth(text, columns));
  const show = (message: PostedMessage) =>
    say(previewSlackMessage({ text: message.text ?? '', blocks: (message.blocks ?? []) as SlackMessage['blocks'] }, { color, width: Math.min(columns, 80) }));

  let failed = false;
  for (const { scenario: name, title } of runs) {
    const scenario = loadScenario(name);
    const session = await startSandboxSession(scenario);
    try {
      say(`\n━━ ${title} (sandbox scenario "${name}") ━━\n\n$ shipmate readiness --env ${scenario.environment}\n\n`);
      const { code, stdout } = await runCompiledCli(['readiness', '--env', scenario.environment, '--no-color'], session.env);
      say(stdout);
      say(`\n(exit code ${code}: ${code === 0 ? 'nothing fails' : code === 1 ? 'a check fails; a CI gate would stop here' : code === 3 ? 'checks could not run; a CI gate would stop here' : 'usage or configuration error'})\n`);
      failed ||= code === 2;

      say(`\nIn Slack, alice types /readiness ${scenario.environment} in #releases; the bot (Socket Mode) acks and posts:\n\n`);
      const bot = await startCompiledBot(session, 'socket');
      try {
        const slack = session.sandbox.state.slack;
        await slack.waitForSocket(10_000);
        await slack.sendSlashCommand({ command: '/readiness', text: scenario.environment, userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
        show(await slack.waitForMessage((m) => m.channel === 'C0RELEASES', 15_000));
        if (name === 'healthy') await deployDemo(slack, say, show);
      } finally {
        await bot.stop();
      }
    } finally {
      await session.close();
    }
  }
  return failed ? 2 : 0;
}

/** alice asks for a deploy, bob approves it, the rollout is followed in the card's thread. */
async function deployDemo(slack: SlackWorkspace, say: (text: string) => void, show: (message: PostedMessage) => void): Promise<void> {
  say('\nalice types /deploy backend 1.0.0 staging; shipmate runs the preflight and posts an approval card:\n\n');
  await slack.sendSlashCommand({ command: '/deploy', text: 'backend 1.0.0 staging', userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
  const card = await slack.waitForMessage((m) => JSON.stringify(m.blocks ?? []).includes('"approval:'), 15_000);
  show(card);
  say('\nbob clicks Approve; shipmate patches the Deployment and follows the rollout in the thread:\n\n');
  await slack.clickButton({ userId: 'U0BOB', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' }, { mode: 'socket' });
  await slack.waitForMessage((m) => m.threadTs === card.ts && /Verify/.test(`${m.text ?? ''}${JSON.stringify(m.blocks ?? [])}`), 30_000);
  for (const reply of slack.messages.filter((m) => m.threadTs === card.ts)) show(reply);
  say('\nThe approval card, as it reads now:\n\n');
  show(slack.messages.find((m) => m.ts === card.ts)!);
}
