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

/** A daily schedule whose latest slot is the top of the current UTC hour: due at start-up, and late after its fifth minute. */
const HOUR = new Date().getUTCHours();
function thisHour(channel: string): PatchOperation[] {
  return [{ op: 'add', path: '/environments/production/digest', value: { schedule: `0 ${HOUR} * * *`, timezone: 'UTC', channel } }];
}

/** Whether a digest posted at `at` for the slot at the top of HOUR (today, or yesterday just after midnight) is late. */
function lateAt(at: number): boolean {
  const slot = new Date(at);
  slot.setUTCHours(HOUR, 0, 0, 0);
  if (slot.getTime() > at) slot.setUTCDate(slot.getUTCDate() - 1);
  return at - slot.getTime() > 5 * 60_000;
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
    // given
    const { session: s } = await start(thisHour('C0RELEASES'), FAST_LEASE);
    const slack = s.sandbox.state.slack;
    // when
    const digest = await slack.waitForMessage(isDigest, 20_000);
    // then
    expect(digest.channel).toBe('C0RELEASES');
    expect(JSON.stringify(digest.blocks)).toContain('production');
    expect(JSON.stringify(digest.blocks).includes('posted late')).toBe(lateAt(digest.postedAt));
    // when the bot restarts
    bot!.child.kill('SIGKILL');
    await bot!.stop();
    const restarted = (bot = await startCompiledBot(s, 'socket', FAST_LEASE));
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
