import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import type { SandboxSession } from '../../src/sandbox/sandbox-session.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { waitUntil } from '../support/wait-until.js';
import { httpDelivery as delivery, inThread, newCard as postCard, patchesIn, RELEASES, repliesMatching, startReplicaSession, textOf } from '../support/replica-slack.js';

/**
 * Two compiled bot processes sharing one PostgreSQL store, with the leader
 * lease at its production defaults (15 s, renewed every 5 s): clicks spread
 * over both start each action once, a digest is posted once, and when the
 * leader dies mid-rollout the other replica takes over and reports it.
 */
const isDigest = (m: PostedMessage) => JSON.stringify(m.blocks ?? []).includes('Readiness digest');
const HOUR = new Date().getUTCHours();

/** Two replicas on a fresh database, the first to start leading; a digest whose latest slot is the top of this hour is due when they start. */
async function startReplicas(database: string): Promise<{ postgres: TestPostgres; session: SandboxSession; bots: CompiledBot[] }> {
  const postgres = await startPostgres();
  const url = await postgres.createDatabase(database);
  const session = await startReplicaSession(url, 4, [
    { op: 'add', path: '/environments/production/digest', value: { schedule: `0 ${HOUR} * * *`, timezone: 'UTC', channel: RELEASES } },
  ]);
  const bots = [await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' })];
  bots.push(await startCompiledBot(session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' }));
  return { postgres, session, bots };
}

function twentyClicks(session: SandboxSession, bots: CompiledBot[], card: PostedMessage) {
  return Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      session.sandbox.state.slack.clickButton({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery(bots[i % 2]!)),
    ),
  );
}

describe('two replicas on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let session: SandboxSession;
  let bots: CompiledBot[] = [];
  const slack = () => session.sandbox.state.slack;

  beforeAll(async () => {
    ({ postgres, session, bots } = await startReplicas('shipmate_replicas'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await session?.close();
    postgres?.stop();
  });

  it('elects the first replica to start as the only leader, which posts the due digest once', async () => {
    // when: the leader's digest job has posted (its log says so once the post is done)
    await slack().waitForMessage(isDigest, 20_000);
    await waitUntil(() => /digest of production posted/.test(bots[0]!.output()), 20_000, 'the leader to log the digest');
    // then: the other replica does not lead (the lease is the leader's as long as it renews it), so it runs no digest job
    expect(bots[0]!.output()).toMatch(/this replica leads/);
    expect(bots[1]!.output()).not.toMatch(/this replica leads|digest of production/);
    expect(slack().messages.filter(isDigest)).toHaveLength(1);
  });

  it('starts exactly one build per service for 20 concurrent Approve clicks spread over both', async () => {
    // given
    const startsBefore = session.sandbox.state.calls.filter((c) => c.operation === 'StartBuild').length;
    const runsBefore = codebuildRunsOf(session.sandbox.state).all().length;
    const refusedBefore = slack().responses.filter((r) => (r.text ?? '').includes('already approved')).length;
    const card = await postCard(session, bots[1]!, '/build', '1.2.0 backend frontend');
    // when
    const results = await twentyClicks(session, bots, card);
    // then
    expect(results.every((r) => r.status === 200)).toBe(true);
    await slack().waitForMessage((m) => (m.text ?? '').startsWith('Build 1.2.0 in ') && (m.text ?? '').includes('done'), 30_000);
    expect(session.sandbox.state.calls.filter((c) => c.operation === 'StartBuild').length - startsBefore).toBe(2);
    expect(codebuildRunsOf(session.sandbox.state).all().length - runsBefore).toBe(2);
    expect(slack().responses.filter((r) => (r.text ?? '').includes('already approved')).length - refusedBefore).toBe(19);
  }, 60_000);
});

describe('two replicas on one PostgreSQL, when the leader dies', () => {
  // A pair of its own: this test kills the leader.
  let postgres: TestPostgres;
  let session: SandboxSession;
  let bots: CompiledBot[] = [];
  const slack = () => session.sandbox.state.slack;

  beforeAll(async () => {
    ({ postgres, session, bots } = await startReplicas('shipmate_replicas_failover'));
    await slack().waitForMessage(isDigest, 20_000);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await session?.close();
    postgres?.stop();
  });

  it('patches once for 20 concurrent approvals of a deploy, and when the leader dies mid-rollout the other replica reports the result', async () => {
    // given
    const card = await postCard(session, bots[1]!, '/deploy', 'backend 1.0.0 staging');
    await twentyClicks(session, bots, card);
    await inThread(session, card, /Patched deployment\/backend/, 15_000);
    // when
    bots[0]!.child.kill('SIGKILL');
    await bots[0]!.stop();
    // then: the lease expires 15 s after the leader's last renewal; the survivor tries every 5 s
    await inThread(session, card, /successfully rolled out/, 30_000);
    expect(bots[1]!.output()).toMatch(/this replica leads \(.*\): following 1 run in flight/);
    expect(patchesIn(session)).toBe(1);
    await slack().waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 30_000);
    expect(repliesMatching(session, card, /successfully rolled out/)).toHaveLength(1);
    // The new leader's digest catch-up found the slot already posted.
    await waitUntil(() => /digest of production: nothing due at start-up/.test(bots[1]!.output()), 20_000, 'the new leader to look at the digest schedule');
    expect(slack().messages.filter(isDigest)).toHaveLength(1);
    expect(bots.map((b) => b.output()).join('')).not.toMatch(/"level":"error"/);
  }, 90_000);
});
