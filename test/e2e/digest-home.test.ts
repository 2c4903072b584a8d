import { afterEach, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { sendAppHomeOpened } from '../../src/sandbox/slack/app-home-opened.js';
import { homeViewsOf } from '../../src/sandbox/slack/home-views.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import type { PatchOperation } from '../../src/sandbox/json-patch.js';
import { waitUntil } from '../support/wait-until.js';

/** Scheduled digests and the App Home, on the compiled bot in Socket Mode. */
const isDigest = (m: PostedMessage) => JSON.stringify(m.blocks ?? []).includes('Readiness digest');

/** A daily schedule at the top of `hour` UTC, posted to `channel`. */
function dailyAt(hour: number, channel: string): PatchOperation[] {
  return [{ op: 'add', path: '/environments/production/digest', value: { schedule: `0 ${hour} * * *`, timezone: 'UTC', channel } }];
}
/** A daily schedule whose latest slot is the top of the current UTC hour: due at start-up (a slot is caught up within a day). */
const thisHour = (channel: string) => dailyAt(new Date().getUTCHours(), channel);

/**
 * The bot's clock moved to half past the next hour (SHIPMATE_TEST_CLOCK_OFFSET_MS): the slot at the
 * top of that hour was missed 30 minutes ago, whatever the time the test runs at.
 */
function halfPastTheNextHour(): { hour: number; env: Record<string, string> } {
  const now = Date.now();
  const halfPast = new Date(now);
  halfPast.setUTCHours(halfPast.getUTCHours() + 1, 30, 0, 0);
  return { hour: halfPast.getUTCHours(), env: { SHIPMATE_TEST_CLOCK_OFFSET_MS: String(halfPast.getTime() - now) } };
}

let session: SandboxSession | undefined;
let bot: CompiledBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await session?.close();
  bot = undefined;
  session = undefined;
});

/** A restarted process leads within a second or two instead of waiting out the production lease (15 s). */
const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };

async function start(configPatch: PatchOperation[], env: Record<string, string> = {}): Promise<{ session: SandboxSession; bot: CompiledBot }> {
  const healthy: Scenario = loadScenario('healthy');
  session = await startSandboxSession({ ...healthy, configPatch });
  bot = await startCompiledBot(session, 'socket', env);
  await session.sandbox.state.slack.waitForSocket(10_000);
  return { session, bot };
}

describe('scheduled digests', () => {
  it('posts a slot missed while the bot was down once, marked late, and a restart does not post it again', async () => {
    // given: by the bot's clock, the slot at the top of the hour passed 30 minutes ago
    const { hour, env } = halfPastTheNextHour();
    const { session: s } = await start(dailyAt(hour, 'C0RELEASES'), { ...FAST_LEASE, ...env });
    const slack = s.sandbox.state.slack;
    // when
    const digest = await slack.waitForMessage(isDigest, 20_000);
    // then
    expect(digest.channel).toBe('C0RELEASES');
    expect(JSON.stringify(digest.blocks)).toContain('production');
    expect(JSON.stringify(digest.blocks)).toContain('posted late');
    // when the bot restarts (its clock as far ahead)
    bot!.child.kill('SIGKILL');
    await bot!.stop();
    const restarted = (bot = await startCompiledBot(s, 'socket', { ...FAST_LEASE, ...env }));
    await slack.waitForSocket(10_000);
    // then it looks at the schedule again (its log says so) and posts nothing new
    await waitUntil(() => /digest of production: nothing due at start-up/.test(restarted.output()), 30_000, 'the restarted bot, once it leads, to look at the schedule');
    expect(slack.messages.filter(isDigest)).toHaveLength(1);
  }, 60_000);

  it('a digest channel the bot is not in is logged with the fix, and the bot keeps working', async () => {
    const { session: s, bot: b } = await start(thisHour('C0GENERAL'));
    await waitUntil(() => /digest of production could not be posted to C0GENERAL.*invite shipmate/.test(b.output()), 20_000, 'the log line with the fix');
    const help = await s.sandbox.state.slack.sendSlashCommand({ command: '/shipmate', text: 'help', userId: 'U0BOB', channelId: 'C0RELEASES' }, { mode: 'socket' });
    expect(JSON.stringify(help.ack)).toContain('/readiness');
  }, 60_000);

  it('/shipmate digest posts one now', async () => {
    const { session: s } = await start([]);
    await s.sandbox.state.slack.sendSlashCommand({ command: '/shipmate', text: 'digest staging', userId: 'U0BOB', channelId: 'C0RELEASES' }, { mode: 'socket' });
    const digest = await s.sandbox.state.slack.waitForMessage(isDigest, 20_000);
    expect(JSON.stringify(digest.blocks)).toContain('staging');
  }, 60_000);
});

describe('App Home', () => {
  it('publishes every environment and service, and the pending approvals the viewer may act on', async () => {
    // given: alice asks for a build, so bob has something to approve
    const { session: s } = await start([]);
    const slack = s.sandbox.state.slack;
    await slack.sendSlashCommand({ command: '/build', text: '1.2.0 backend', userId: 'U0ALICE', channelId: 'C0RELEASES' }, { mode: 'socket' });
    await slack.waitForMessage((m) => JSON.stringify(m.blocks ?? []).includes('"approval:'), 15_000);
    // when
    await sendAppHomeOpened(slack, 'U0BOB', { mode: 'socket' });
    const published = await homeViewsOf(slack).waitForPublish('U0BOB', 1, 20_000);
    // then
    const text = JSON.stringify(published.view);
    expect(text).toContain('staging');
    expect(text).toContain('production');
    expect(text).toContain('frontend');
    expect(text).toContain('"approve"');
    expect(text).toContain('Build 1.2.0 of backend in staging');
  }, 60_000);
});
