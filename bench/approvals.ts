import { startCompiledBot } from '../scripts/run-compiled-bot.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../src/sandbox/slack/sandbox-slack-secrets.js';

/**
 * npm run bench:approvals — ack latency of the compiled bot (HTTP mode, SQLite
 * store) for bursts of 50 concurrent Approve clicks on one approval card, and
 * for 50 concurrent slash commands (SPEC §8: p99 under 100 ms). Latency is
 * measured as Slack sees it: from sending the signed request to the bot's
 * HTTP answer. Last line: one JSON object.
 */
const BURST = 50;
const BURSTS = 5;

const healthy = loadScenario('healthy');
const session = await startSandboxSession({
  ...healthy,
  world: applyPatch(healthy.world, [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.05 } }]),
});
const bot = await startCompiledBot(session, 'http', { LOG_LEVEL: 'warn' });
const slack = session.sandbox.state.slack;
const delivery = { mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET, timeoutMs: 10_000 };

const timed = async (send: () => Promise<{ status: number }>) => {
  const started = performance.now();
  const { status } = await send();
  if (status !== 200) throw new Error(`the bot answered ${status}`);
  return performance.now() - started;
};

try {
  const clickLatencies: number[] = [];
  const slashLatencies: number[] = [];
  for (let burst = 0; burst <= BURSTS; burst++) {
    const version = `9.${burst}.0`;
    await slack.sendSlashCommand({ command: '/build', text: `${version} backend`, userId: 'U0ALICE', channelId: 'C0RELEASES' }, delivery);
    const card = await slack.waitForMessage((m) => (m.text ?? '').includes(`Build ${version} of backend`) && JSON.stringify(m.blocks).includes('"approval:'), 10_000);
    const clicks = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        timed(() => slack.clickButton({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' }, delivery)),
      ),
    );
    const slashes = await Promise.all(
      Array.from({ length: BURST }, () =>
        timed(() => slack.sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: 'C0RELEASES' }, delivery)),
      ),
    );
    if (burst > 0) {
      // burst 0 warms the JIT and the connection pool
      clickLatencies.push(...clicks);
      slashLatencies.push(...slashes);
    }
  }
  const p = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! * 10) / 10;
  };
  console.log(`${BURSTS} bursts of ${BURST} concurrent Approve clicks and ${BURST} concurrent slash commands, compiled bot in HTTP mode`);
  console.log(`clicks: p50 ${p(clickLatencies, 0.5)} ms, p99 ${p(clickLatencies, 0.99)} ms, max ${p(clickLatencies, 1)} ms`);
  console.log(`slash commands: p50 ${p(slashLatencies, 0.5)} ms, p99 ${p(slashLatencies, 0.99)} ms, max ${p(slashLatencies, 1)} ms`);
  console.log(JSON.stringify({ ack_p99_ms: p(clickLatencies, 0.99), slash_ack_p99_ms: p(slashLatencies, 0.99) }));
} finally {
  await bot.stop();
  await session.close();
}
