import { afterEach, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import type { Scenario } from '../../src/sandbox/scenarios.js';
import { sendAppHomeOpened } from '../../src/sandbox/slack/app-home-opened.js';
import { homeViewsOf } from '../../src/sandbox/slack/home-views.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { scenario } from '../support/deploy-harness.js';
import { HOSTILE_STRINGS, HOSTILE_TOKEN, liveMarkupIn, stringsIn } from '../support/hostile-text.js';

/**
 * Issue 11, items 5 and 13, on the compiled program: hostile text typed by a
 * user, written by a container, answered by AWS or by a smoke-tested
 * endpoint goes through every message that carries free text, and nothing
 * of it is live in what the sandbox's Slack received — no special mention,
 * no mention of anyone shipmate did not mean, no channel, no link, no
 * control character, no secret — and every call stayed within Slack's limits.
 */
const RELEASES = 'C0RELEASES';
/** A secret in the bot's environment: what the logs scrub, Slack must never show either. */
const ENV_SECRET = 'hunter2-env-secret-value';
const SOCKET = { mode: 'socket' as const };
const isCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks ?? []).includes('"approval:');
const textOf = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;

/** Every hostile string but the long one, in one line (a lock reason, a termination message). */
const ALL_SHORT = HOSTILE_STRINGS.filter(([label]) => !label.startsWith('5,000')).map(([, text]) => text).join(' | ');
const LONG = HOSTILE_STRINGS.find(([label]) => label.startsWith('5,000'))![1];

let session: SandboxSession | undefined;
let bot: CompiledBot | undefined;
afterEach(async () => {
  await bot?.stop();
  await session?.close();
  bot = undefined;
  session = undefined;
});

async function start(s: Scenario): Promise<SandboxSession> {
  session = await startSandboxSession(s);
  bot = await startCompiledBot(session, 'socket', { SHIPMATE_HOSTILE_TEST_TOKEN: ENV_SECRET });
  await session.sandbox.state.slack.waitForSocket(10_000);
  return session;
}

/** Everything the sandbox's Slack received: messages and their edits, ephemerals and theirs, response_url posts, acks, Home tabs. */
function everythingSlackReceived(s: SandboxSession, acks: readonly unknown[]): string[] {
  const slack = s.sandbox.state.slack;
  return stringsIn([
    slack.messages.map((m) => [m.text, m.blocks, m.edits]),
    slack.ephemerals.map((m) => [m.text, m.blocks, m.edits]),
    slack.responses.map((r) => [r.text, r.blocks]),
    acks,
    homeViewsOf(slack).published.map((p) => p.view),
  ]);
}

function expectNothingLive(s: SandboxSession, acks: readonly unknown[], mentioned: ReadonlySet<string>): void {
  const texts = everythingSlackReceived(s, acks);
  const live = texts.flatMap((text) => liveMarkupIn(text, mentioned).map((piece) => `${piece}   in: ${text.slice(0, 120)}`));
  expect(live).toEqual([]);
  for (const text of texts) {
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain(HOSTILE_TOKEN);
    expect(text).not.toContain('s3cr3tQ');
  }
  const refused = s.sandbox.state.slack.calls.filter((c) => !c.ok && /invalid_blocks|msg_too_long|msg_blocks_too_long|invalid_arguments/.test(c.error ?? ''));
  expect(refused).toEqual([]);
}

describe('hostile text never reaches Slack live', () => {
  it('lock reasons, usage errors, an AWS error line, /shipmate status and history, App Home, the /verify table', async () => {
    // given: staging's smoke tests hit an endpoint answering hostile text, with credentials in their URLs
    const base = scenario();
    const health = base.world.http.endpoints.findIndex((e) => e.path === '/health/staging/backend');
    const s = await start({
      ...base,
      world: applyPatch(base.world, [
        { op: 'replace', path: `/http/endpoints/${health}/body`, value: { status: ALL_SHORT } },
      ]),
      configPatch: [
        {
          op: 'replace',
          path: '/environments/staging/smokeTests',
          value: [
            { name: 'health <!here>', url: '${SHIPMATE_SANDBOX_HTTPS}/health/staging/backend?token=s3cr3tQ1&sig=s3cr3tQ2', expect: { status: 200, json: { status: 'ok' } } },
            { name: 'with credentials', url: 'https://smoke:s3cr3tQ3@127.0.0.1:9/health?X-Amz-Signature=s3cr3tQ4', expect: { status: 200 } },
          ],
        },
        // Its release verifies with the smoke tests replaced here.
        { op: 'remove', path: '/environments/staging/releases' },
      ],
    });
    const slack = s.sandbox.state.slack;
    const acks: unknown[] = [];
    /** Sends a command as alice and waits until its ack or a later response_url post matches `expected`. */
    const command = async (name: string, text: string, expected: RegExp) => {
      const before = slack.responses.length;
      const result = await slack.sendSlashCommand({ command: name, text, userId: 'U0ALICE', channelId: RELEASES }, SOCKET);
      acks.push(result.ack);
      if (expected.test(JSON.stringify(result.ack ?? ''))) return;
      await slack.waitForResponse((r) => slack.responses.indexOf(r) >= before && expected.test(JSON.stringify(r)), 30_000);
    };

    // when: every hostile string is a lock reason, meets a later /deploy, is echoed as a bad version, and is unlocked
    for (const [, hostile] of HOSTILE_STRINGS) {
      const reason = `${hostile} ${ENV_SECRET}`;
      await command('/shipmate', `lock backend staging ${reason}`, /are locked/);
      await command('/deploy', 'backend 1.0.0 staging', /locked by <@U0ALICE> since/);
      await command('/deploy', `backend ${hostile}`, /:warning:/);
      await command('/shipmate', 'unlock backend staging', /open again/);
    }
    // and the locks stay for status, history and App Home: every short string on one, the long one on the other
    await command('/shipmate', `lock backend staging ${ALL_SHORT} ${ENV_SECRET}`, /are locked/);
    await command('/shipmate', `lock frontend staging ${LONG}`, /are locked/);
    await command('/shipmate', 'status', /Status of/);
    await command('/shipmate', 'history', /Last \d+ audit entries/);
    await sendAppHomeOpened(slack, 'U0ALICE', SOCKET);
    const home = await homeViewsOf(slack).waitForPublish('U0ALICE', 1, 30_000);
    // and AWS answers with hostile text in its error
    s.sandbox.state.world.faults = { deny: ['ecr:DescribeImages'], denyReason: `${ALL_SHORT} AKIAABCDEFGHIJKLMNOP` };
    await command('/deploy', 'frontend 1.0.0 production', /not authorized/);
    s.sandbox.state.world.faults = {};
    // and /verify runs the smoke tests
    await command('/verify', 'staging', /Running the smoke tests/);
    const table = await slack.waitForMessage((m) => !m.threadTs && /Verify · staging/.test(textOf(m)), 30_000);

    // then: what each message carried is there, as text
    expect(JSON.stringify(home.view)).toContain('&lt;!channel&gt;');
    expect(textOf(table)).toContain('https://smoke:[redact');
    expect(textOf(table)).toContain('&lt;!channel&gt;');
    // and nothing is live, secret or over a limit
    expectNothingLive(s, acks, new Set(['U0ALICE']));
    expect(everythingSlackReceived(s, acks).join('\n')).not.toContain('AKIAABCDEFGHIJKLMNOP');
  }, 240_000);

  it('a container\'s termination message and the cluster\'s events, in the deploy failure broadcast and the card', async () => {
    // given: pods of 1.0.0 are OOM-killed, leaving hostile text as their termination message (and in a Warning event)
    const s = await start(
      scenario([
        { op: 'add', path: '/kubernetes/behaviour/failures', value: { '1.0.0': 'oom-killed' } },
        { op: 'add', path: '/kubernetes/behaviour/terminationMessage', value: `${ALL_SHORT}\n${LONG}` },
      ]),
    );
    const slack = s.sandbox.state.slack;
    const acks: unknown[] = [];
    // when alice asks and carol approves
    acks.push((await slack.sendSlashCommand({ command: '/deploy', text: 'backend 1.0.0 staging', userId: 'U0ALICE', channelId: RELEASES }, SOCKET)).ack);
    const card = await slack.waitForMessage(isCard, 20_000);
    acks.push((await slack.clickButton({ userId: 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, SOCKET)).ack);
    // then the failure is broadcast naming the container's message, and the rollback follows
    const failure = await slack.waitForMessage((m) => m.threadTs === card.ts && /OOMKilled/.test(textOf(m)), 60_000);
    expect(failure.replyBroadcast).toBe(true);
    expect(textOf(failure)).toContain('&lt;!channel&gt;');
    await slack.waitForMessage((m) => m.threadTs === card.ts && /rolled back/i.test(textOf(m)), 60_000);
    // and nothing in the thread, the card or its edits is live
    expectNothingLive(s, acks, new Set(['U0ALICE', 'U0CAROL']));
  }, 180_000);

  it('a lock taken between the request and the approval: the approver\'s refusal names it as text', async () => {
    // given alice asks for a deploy, then locks the service with a hostile reason
    const s = await start(scenario());
    const slack = s.sandbox.state.slack;
    const acks: unknown[] = [];
    acks.push((await slack.sendSlashCommand({ command: '/deploy', text: 'backend 1.0.0 staging', userId: 'U0ALICE', channelId: RELEASES }, SOCKET)).ack);
    const card = await slack.waitForMessage(isCard, 20_000);
    const before = slack.responses.length;
    acks.push((await slack.sendSlashCommand({ command: '/shipmate', text: `lock backend staging ${ALL_SHORT}`, userId: 'U0ALICE', channelId: RELEASES }, SOCKET)).ack);
    // when carol approves
    acks.push((await slack.clickButton({ userId: 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, SOCKET)).ack);
    // then she is told about the lock, and nothing of its reason is live
    await slack.waitForResponse((r) => slack.responses.indexOf(r) >= before && /locked/.test(JSON.stringify(r)), 20_000);
    expectNothingLive(s, acks, new Set(['U0ALICE', 'U0CAROL']));
  }, 120_000);
});
