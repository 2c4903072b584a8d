import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

/** Two compiled bot processes sharing one PostgreSQL store: clicks spread over both still start each build once. */
describe('20 concurrent Approve clicks over two replicas on PostgreSQL', () => {
  let postgres: TestPostgres;
  let session: SandboxSession;
  const bots: CompiledBot[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('shipmate_e2e');
    const healthy = loadScenario('healthy');
    session = await startSandboxSession({
      ...healthy,
      world: applyPatch(healthy.world, [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.1 } }]),
      configPatch: [...healthy.configPatch, { op: 'add', path: '/store', value: { url } }],
    });
    bots.push(await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' }));
    bots.push(await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await session?.close();
    postgres?.stop();
  });

  it('starts exactly one build per service', async () => {
    // given
    const slack = session.sandbox.state.slack;
    const delivery = (bot: CompiledBot) => ({ mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET });
    await slack.sendSlashCommand({ command: '/build', text: '1.2.0 backend frontend', userId: 'U0ALICE', channelId: 'C0RELEASES' }, delivery(bots[0]!));
    const card = await slack.waitForMessage((m) => JSON.stringify(m.blocks).includes('"approval:'), 10_000);
    // when: 20 clicks, alternating between the two replicas
    const clicks = Array.from({ length: 20 }, (_, i) =>
      slack.clickButton({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: 'C0RELEASES', messageTs: card.ts, actionId: 'approve' }, delivery(bots[i % 2]!)),
    );
    const results = await Promise.all(clicks);
    // then
    expect(results.every((r) => r.status === 200)).toBe(true);
    await slack.waitForMessage((m) => (m.text ?? '').startsWith('Build 1.2.0 in ') && (m.text ?? '').includes('done'), 30_000);
    expect(session.sandbox.state.calls.filter((c) => c.operation === 'StartBuild')).toHaveLength(2);
    expect(codebuildRunsOf(session.sandbox.state).all()).toHaveLength(2);
    expect(slack.responses.filter((r) => (r.text ?? '').includes('already approved'))).toHaveLength(19);
    expect(bots.map((b) => b.output()).join('')).not.toMatch(/"level":"error"/);
  }, 60_000);
});
