import type { SlackMessage } from '../src/adapters/slack/blocks/slack-message.js';
import { previewSlackMessage } from '../src/render/slack-preview.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import { startCompiledBot } from './run-compiled-bot.js';
import { runCompiledCli } from './run-compiled-cli.js';

/**
 * npm run demo: the compiled shipmate against the sandbox, on a healthy world
 * and on a broken one — the terminal report of `shipmate readiness`, then the
 * bot in Socket Mode answering `/readiness`, with the card it posted drawn
 * from the blocks the sandbox's Slack received.
 */
const runs = [
  { scenario: 'healthy', title: 'A healthy staging environment' },
  { scenario: 'broken-release', title: 'A production environment with the defects reviews keep finding' },
];
const color = process.stdout.isTTY === true;
const say = (text: string) => process.stdout.write(text);

let failed = false;
for (const { scenario: name, title } of runs) {
  const scenario = loadScenario(name);
  const session = await startSandboxSession(scenario);
  try {
    say(`\n━━ ${title} (sandbox scenario "${name}") ━━\n\n$ shipmate readiness --env ${scenario.environment}\n\n`);
    const { code } = await runCompiledCli(['readiness', '--env', scenario.environment], session.env, true);
    say(`\n(exit code ${code}: ${code === 0 ? 'nothing fails' : code === 1 ? 'a check fails; a CI gate would stop here' : 'usage or configuration error'})\n`);
    failed ||= code === 2;

    say(`\nIn Slack, alice types /readiness ${scenario.environment} in #releases; the bot (Socket Mode) acks and posts:\n\n`);
    const bot = await startCompiledBot(session, 'socket');
    try {
      const slack = session.sandbox.state.slack;
      await slack.waitForSocket(10_000);
      await slack.sendSlashCommand({ command: '/readiness', text: scenario.environment, userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
      const card = await slack.waitForMessage((m) => m.channel === 'C0RELEASES', 15_000);
      say(previewSlackMessage({ text: card.text ?? '', blocks: (card.blocks ?? []) as SlackMessage['blocks'] }, { color }) + '\n');
    } finally {
      await bot.stop();
    }
  } finally {
    await session.close();
  }
}
process.exitCode = failed ? 2 : 0;
