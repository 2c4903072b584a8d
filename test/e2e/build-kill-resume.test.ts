import { afterAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { createStore } from '../../src/adapters/store/create-store.js';
import { systemClock } from '../../src/ports/clock.port.js';
import type { StorePort } from '../../src/ports/store.port.js';
import { codebuildRunsOf, useSandboxClock } from '../../src/sandbox/aws/codebuild-runs.js';
import { viewOf } from '../../src/sandbox/aws/codebuild-start.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { waitUntil } from '../support/wait-until.js';

/**
 * kill -9 between StartBuild and storing its id, resumed more than five
 * minutes later (CodeBuild's idempotency token has expired by then): the
 * compiled bot against the sandbox, both on a clock moved ahead by the test.
 */
const RELEASES = 'C0RELEASES';
const SIX_MINUTES = 6 * 60_000;
const BOT_ENV = { SHIPMATE_BUILD_POLL_MS: '200' };
const isCard = (m: PostedMessage) => m.channel === RELEASES && (m.text ?? '').includes('Build ') && JSON.stringify(m.blocks).includes('"approval:');
const isStatus = (m: PostedMessage) => (m.text ?? '').startsWith('Build 1.2.0 in ');

function scenario(): Scenario {
  const healthy = loadScenario('healthy');
  return { ...healthy, world: applyPatch(healthy.world, [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.15 } }]) };
}

/** The bot's SQLite store, opened beside it for a moment. */
async function withStore<T>(session: SandboxSession, use: (store: StorePort) => Promise<T>): Promise<T> {
  const store = createStore(`sqlite:${session.dir}/shipmate.db`);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

describe('kill -9 between StartBuild and storing its id, resumed 6 minutes later', () => {
  let session: SandboxSession;
  let bot: CompiledBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it('starts each build exactly once, adopts it by its run id, and shows it finishing once with the commit CodeBuild resolved', async () => {
    // given: /build approved, CodeBuild applies both StartBuilds but its answers never come back
    session = await startSandboxSession(scenario());
    const { state } = session.sandbox;
    const slack = state.slack;
    bot = await startCompiledBot(session, 'http', BOT_ENV);
    const delivery = { mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
    state.faults.add({ system: 'aws', operation: /^StartBuild$/, mode: { kind: 'hang-after' } });
    await slack.sendSlashCommand({ command: '/build', text: '1.2.0 backend frontend', userId: 'U0ALICE', channelId: RELEASES }, delivery);
    const card = await slack.waitForMessage(isCard, 10_000);
    const requestId = /approval:([a-z0-9]+)/.exec(JSON.stringify(card.blocks))![1]!;
    await slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery);
    await waitUntil(() => codebuildRunsOf(state).all().length === 2, 15_000, 'both StartBuilds to be applied');
    const status = await slack.waitForMessage(isStatus, 10_000);
    // The status message's ts stored: a kill before that is the outbox's own case, not this one.
    await waitUntil(() => withStore(session, async (store) => (await store.outboxTs(`status:${requestId}`)) === status.ts), 15_000, 'the status message ts to be stored');

    // when: the process is killed while it waits for the answers, and the next one starts 6 minutes later
    bot.child.kill('SIGKILL');
    await bot.stop();
    const startBuildsBefore = state.calls.filter((c) => c.operation === 'StartBuild').length;
    state.faults.clear();
    useSandboxClock(state, { now: () => new Date(Date.now() + SIX_MINUTES), sleep: systemClock.sleep });
    bot = await startCompiledBot(session, 'http', { ...BOT_ENV, SHIPMATE_TEST_CLOCK_OFFSET_MS: String(SIX_MINUTES) });

    // then: the same status message reaches done; no StartBuild after the restart; one build per service
    const done = await slack.waitForMessage((m) => m.ts === status.ts && (m.text ?? '').includes('done'), 30_000);
    await slack.waitForMessage((m) => m.ts === card.ts && JSON.stringify(m.blocks).includes('Builds finished: 2 succeeded'), 10_000);
    expect(bot.output()).toContain('SHIPMATE_TEST_CLOCK_OFFSET_MS');
    const builds = codebuildRunsOf(state).all();
    expect(builds.map((b) => b.projectName).sort()).toEqual(['backend-build', 'frontend-build']);
    expect(builds.map((b) => b.environmentVariables.find((v) => v.name === 'SHIPMATE_RUN_ID')?.value).sort()).toEqual([`${requestId}-backend`, `${requestId}-frontend`]);
    expect(state.calls.filter((c) => c.operation === 'StartBuild').length).toBe(startBuildsBefore);
    expect(slack.messages.filter(isStatus)).toHaveLength(1);
    expect(done.text).toMatch(/2 succeeded/);
    const finishedEdits = slack.editsOf(RELEASES, status.ts).filter((e) => (e.text ?? '').includes('done'));
    expect(finishedEdits).toHaveLength(1);
    for (const build of builds) {
      const commit = String(viewOf(state.world, build).resolvedSourceVersion);
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect(JSON.stringify(done.blocks)).toContain(`commit \`${commit.slice(0, 7)}\``);
    }
    const audit = await withStore(session, (store) => store.recentAudit(50));
    const started = audit.filter((a) => a.action === 'build.started');
    expect(started).toHaveLength(2);
    expect(started.every((a) => a.detail.includes('found by its run id'))).toBe(true);
    expect(audit.filter((a) => a.action === 'build.succeeded')).toHaveLength(2);
  }, 90_000);
});
