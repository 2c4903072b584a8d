import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import type { SandboxSession } from '../../src/sandbox/sandbox-session.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { httpDelivery as delivery, inThread, newCard as postCard, patchesIn, RELEASES, repliesMatching, startReplicaSession, textOf } from '../support/replica-slack.js';

/**
 * Two compiled bot processes sharing one PostgreSQL store, with the leader
 * lease at its production defaults (15 s, renewed every 5 s): clicks spread
 * over both start each action once, a digest is posted once, and when the
 * leader dies mid-rollout the other replica takes over and reports it.
 */
const isDigest = (m: PostedMessage) => JSON.stringify(m.blocks ?? []).includes('Readiness digest');
const HOUR = new Date().getUTCHours();

describe('two replicas on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let session: SandboxSession;
  const bots: CompiledBot[] = [];
  const slack = () => session.sandbox.state.slack;
  const twentyClicks = (card: PostedMessage) =>
    Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        slack().clickButton({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery(bots[i % 2]!)),
      ),
    );
  const newCard = (command: string, text: string) => postCard(session, bots[1]!, command, text);

  beforeAll(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('shipmate_replicas');
    session = await startReplicaSession(url, 4, [
      // Its latest slot is the top of this hour: due when the replicas start.
      { op: 'add', path: '/environments/production/digest', value: { schedule: `0 ${HOUR} * * *`, timezone: 'UTC', channel: RELEASES } },
    ]);
    bots.push(await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' }));
    bots.push(await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' }));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await session?.close();
    postgres?.stop();
  });

  it('elects the first replica to start as the only leader, which posts the due digest once', async () => {
    await slack().waitForMessage(isDigest, 20_000);
    // Long enough for the second replica to have posted it too, were it going to.
    await new Promise((r) => setTimeout(r, 2_000));

    expect(bots[0]!.output()).toMatch(/this replica leads/);
    expect(bots[1]!.output()).not.toMatch(/this replica leads/);
    expect(slack().messages.filter(isDigest)).toHaveLength(1);
  });

  it('starts exactly one build per service for 20 concurrent Approve clicks spread over both', async () => {
    const card = await newCard('/build', '1.2.0 backend frontend');

    const results = await twentyClicks(card);

    expect(results.every((r) => r.status === 200)).toBe(true);
    await slack().waitForMessage((m) => (m.text ?? '').startsWith('Build 1.2.0 in ') && (m.text ?? '').includes('done'), 30_000);
    expect(session.sandbox.state.calls.filter((c) => c.operation === 'StartBuild')).toHaveLength(2);
    expect(codebuildRunsOf(session.sandbox.state).all()).toHaveLength(2);
    expect(slack().responses.filter((r) => (r.text ?? '').includes('already approved'))).toHaveLength(19);
  }, 60_000);

  it('patches once for 20 concurrent approvals of a deploy, and when the leader dies mid-rollout the other replica reports the result', async () => {
    const card = await newCard('/deploy', 'backend 1.0.0 staging');

    await twentyClicks(card);
    await inThread(session, card, /Patched deployment\/backend/, 15_000);
    bots[0]!.child.kill('SIGKILL');
    await bots[0]!.stop();

    // The lease expires 15 s after the leader's last renewal; the survivor tries every 5 s.
    await inThread(session, card, /successfully rolled out/, 30_000);
    expect(bots[1]!.output()).toMatch(/this replica leads \(.*\): following 1 run in flight/);
    expect(patchesIn(session)).toBe(1);
    await slack().waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 10_000);
    expect(repliesMatching(session, card, /successfully rolled out/)).toHaveLength(1);
    // The new leader's digest catch-up found the slot already posted.
    expect(slack().messages.filter(isDigest)).toHaveLength(1);
    expect(bots.map((b) => b.output()).join('')).not.toMatch(/"level":"error"/);
  }, 90_000);
});
