import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import type { PatchOperation } from '../../src/sandbox/json-patch.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { waitUntil } from '../support/wait-until.js';

/** /build end to end: the compiled bot in HTTP mode, the sandbox's Slack, CodeBuild and ECR, a SQLite store. */
const RELEASES = 'C0RELEASES';
const isCard = (m: PostedMessage) => m.channel === RELEASES && (m.text ?? '').includes('Build ') && JSON.stringify(m.blocks).includes('"approval:');
const isCardOf = (version: string) => (m: PostedMessage) => isCard(m) && (m.text ?? '').includes(`Build ${version} `);
const requestIdOf = (card: PostedMessage) => /approval:([a-z0-9]+)/.exec(JSON.stringify(card.blocks))![1]!;
const isStatus = (version: string) => (m: PostedMessage) => (m.text ?? '').startsWith(`Build ${version} in `);
const ackText = (ack: unknown) => JSON.stringify(ack);

function scenario(worldPatch: PatchOperation[] = [], configPatch: PatchOperation[] = []): Scenario {
  const healthy = loadScenario('healthy');
  return {
    ...healthy,
    world: applyPatch(healthy.world, [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.15 } }, ...worldPatch]),
    configPatch: [...healthy.configPatch, ...configPatch],
  };
}

class Harness {
  session!: SandboxSession;
  bot!: CompiledBot;

  async start(s: Scenario): Promise<this> {
    this.session = await startSandboxSession(s);
    this.bot = await startCompiledBot(this.session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' });
    return this;
  }

  get slack() {
    return this.session.sandbox.state.slack;
  }

  delivery() {
    return { mode: 'http' as const, url: `http://127.0.0.1:${this.bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
  }

  command(text: string, userId = 'U0ALICE', command = '/build') {
    return this.slack.sendSlashCommand({ command, text, userId, channelId: RELEASES }, this.delivery());
  }

  click(card: PostedMessage, userId: string, actionId = 'approve') {
    return this.slack.clickButton({ userId, channelId: RELEASES, messageTs: card.ts, actionId }, this.delivery());
  }

  startBuildCalls(): number {
    return this.session.sandbox.state.calls.filter((c) => c.operation === 'StartBuild').length;
  }

  /** Builds CodeBuild really started (a repeated idempotency token starts none). */
  buildsStarted(): number {
    return codebuildRunsOf(this.session.sandbox.state).all().length;
  }

  /** Reads the bot's own SQLite file (read-only, beside the running bot). */
  private query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(join(this.session.dir, 'shipmate.db'), { readonly: true });
    try {
      return db.prepare(sql).pluck().all(...params) as T[];
    } finally {
      db.close();
    }
  }

  audited(action: string): number {
    return this.query<number>('SELECT count(*) FROM audit_log WHERE action = ?', action)[0]!;
  }

  requests(): number {
    return this.query<number>('SELECT count(*) FROM requests')[0]!;
  }

  /** When the bot queued the post and each edit of a request's status message, by its own clock (ms). */
  statusMessageQueuedAt(requestId: string): number[] {
    const key = `status:${requestId}`;
    return this.query<number>('SELECT created_at FROM outbox WHERE key = ? OR ts_key = ? ORDER BY id', key, key);
  }

  /** /build 1.2.0 backend frontend, approved, until the tracker has edited its status message once (it is not done yet). */
  async slowBuildsUnderWay(): Promise<{ card: PostedMessage; status: PostedMessage }> {
    await this.command('1.2.0 backend frontend');
    const card = await this.slack.waitForMessage(isCard, 10_000);
    await this.click(card, 'U0BOB');
    const status = await this.slack.waitForMessage(isStatus('1.2.0'), 10_000);
    await this.slack.waitForEdits(RELEASES, status.ts, 1, 10_000);
    expect(this.slack.messages.find((m) => m.ts === status.ts)!.text).not.toContain('done');
    return { card, status };
  }

  async restartBot(): Promise<void> {
    this.bot.child.kill('SIGKILL');
    await this.bot.stop();
    this.bot = await startCompiledBot(this.session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' });
  }

  async stop(): Promise<void> {
    await this.bot?.stop();
    await this.session?.close();
  }
}

describe('/build behind an approval', () => {
  // One bot for these tests; each asks for its own version and counts only what its own request changed.
  const h = new Harness();
  beforeAll(async () => {
    await h.start(scenario());
  });
  afterAll(() => h.stop());

  it('posts an approval card; the requester cannot approve; of 20 concurrent Approve clicks exactly one starts one build per service', async () => {
    // given
    const startsBefore = h.startBuildCalls();
    const builtBefore = h.buildsStarted();
    const asked = await h.command('1.2.0 backend frontend staging');
    expect(ackText(asked.ack)).toContain('before asking for approval');
    const card = await h.slack.waitForMessage(isCardOf('1.2.0'), 10_000);
    expect(card.text).toContain('Build 1.2.0 of backend, frontend in staging');
    // when: the requester clicks first
    await h.click(card, 'U0ALICE');
    const refusal = await h.slack.waitForResponse((r) => r.user === 'U0ALICE' && (r.text ?? '').includes('you asked for this'), 5_000);
    expect(refusal.responseType).toBe('ephemeral');
    expect(h.startBuildCalls()).toBe(startsBefore);
    // when: 20 clicks at once from two allowed people
    const clicks = Array.from({ length: 20 }, (_, i) => ({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }));
    const results = await h.slack.clickButtons(clicks, h.delivery());
    // then
    expect(results.every((r) => r.status === 200)).toBe(true);
    const status = await h.slack.waitForMessage((m) => isStatus('1.2.0')(m) && (m.text ?? '').includes('done'), 20_000);
    expect(h.startBuildCalls() - startsBefore).toBe(2);
    expect(h.buildsStarted() - builtBefore).toBe(2);
    expect(status.text).toMatch(/2 succeeded/);
    expect(JSON.stringify(status.blocks)).toContain('shop/backend:1.2.0 has linux/amd64');
    const decided = h.slack.messages.find((m) => m.ts === card.ts)!;
    expect(decided.text).toMatch(/^Approved/);
    expect(JSON.stringify(decided.blocks)).not.toContain('"actions"');
    await h.slack.waitForMessage((m) => m.ts === card.ts && JSON.stringify(m.blocks).includes('Builds finished: 2 succeeded'), 10_000);
    const refused = h.slack.responses.filter((r) => (r.text ?? '').includes('already approved'));
    expect(refused.length).toBe(19);
  }, 60_000);

  it('edits the status message at most once per 3 s by the bot\'s clock', async () => {
    // given: two builds of ten phases each, done in under 2 s
    await h.command('1.5.0 backend frontend');
    const card = await h.slack.waitForMessage(isCardOf('1.5.0'), 10_000);
    const requestId = requestIdOf(card);
    // when
    await h.click(card, 'U0BOB');
    const status = await h.slack.waitForMessage((m) => isStatus('1.5.0')(m) && (m.text ?? '').includes('done'), 20_000);
    // then: the k-th edit was queued at least 3k s after the post, as the bot's clock read them (outbox created_at)
    const queuedAt = h.statusMessageQueuedAt(requestId);
    console.info(`build-flow: status message queued at +${queuedAt.map((at) => at - queuedAt[0]!).join(" ms, +")} ms after its post`);
    expect(queuedAt.length).toBeGreaterThanOrEqual(2);
    expect(queuedAt.map((at, k) => at - queuedAt[0]! >= 3_000 * k)).toEqual(queuedAt.map(() => true));
    // and Slack got exactly those: one post, then one edit per queued update (fewer than the phases the builds went through)
    expect(h.slack.editsOf(RELEASES, status.ts)).toHaveLength(queuedAt.length - 1);
  }, 60_000);

  it.each([
    ['', 'a version is required'],
    ['1.0;rm', 'is not a valid version'],
    ['1.3.0 payments', 'unknown service \\"payments\\" in staging'],
  ])('answers /build %j with one ephemeral line, starts nothing and writes only an audit entry', async (text, message) => {
    // given
    const before = h.startBuildCalls();
    const cards = h.slack.messages.filter(isCard).length;
    const refusals = h.audited('build.refused');
    const requests = h.requests();
    // when
    const result = await h.command(text);
    // then
    expect(ackText(result.ack)).toContain('"response_type":"ephemeral"');
    expect(ackText(result.ack)).toContain(message);
    await waitUntil(() => h.audited('build.refused') === refusals + 1, 10_000, 'the refusal in the audit log');
    expect(h.startBuildCalls()).toBe(before);
    expect(h.slack.messages.filter(isCard).length).toBe(cards);
    expect(h.requests()).toBe(requests);
  });

  it('/shipmate history shows the audit log and /shipmate cancel withdraws a pending request', async () => {
    // given: a pending request
    await h.command('1.4.0 backend');
    const card = await h.slack.waitForMessage(isCardOf('1.4.0'), 10_000);
    const id = requestIdOf(card);
    // when
    const cancel = await h.command(`cancel ${id}`, 'U0ALICE', '/shipmate');
    // then
    expect(ackText(cancel.ack)).toContain('is cancelled');
    await h.slack.waitForMessage((m) => m.ts === card.ts && (m.text ?? '').startsWith('Cancelled'), 5_000);
    const history = await h.command('history', 'U0BOB', '/shipmate');
    expect(ackText(history.ack)).toContain('build.cancelled');
    expect(ackText(history.ack)).toContain('build.requested');
  });
});

describe('/build when things go wrong', () => {
  it('reports a failed build with the phase it failed in and CodeBuild\'s message', async () => {
    const h = await new Harness().start(scenario([{ op: 'add', path: '/codebuild/behaviour/failInPhase', value: { 'backend-build': 'BUILD' } }]));
    try {
      await h.command('1.2.0 backend');
      const card = await h.slack.waitForMessage(isCard, 10_000);
      await h.click(card, 'U0BOB');
      const status = await h.slack.waitForMessage((m) => isStatus('1.2.0')(m) && /failed/.test(m.text ?? ''), 20_000);
      const blocks = JSON.stringify(status.blocks);
      expect(blocks).toContain('BUILD');
      expect(blocks).toContain('exit status 1');
    } finally {
      await h.stop();
    }
  }, 60_000);

  it('explains a concurrent-build quota of 0 in words a person can act on', async () => {
    const h = await new Harness().start(scenario([{ op: 'replace', path: '/quotas/codebuild/1/value', value: 0 }]));
    try {
      await h.command('1.2.0 backend');
      const card = await h.slack.waitForMessage(isCard, 10_000);
      expect(JSON.stringify(card.blocks)).toContain('is 0');
      await h.click(card, 'U0BOB');
      const status = await h.slack.waitForMessage((m) => isStatus('1.2.0')(m) && /refused|not started/.test(m.text ?? ''), 20_000);
      const blocks = JSON.stringify(status.blocks);
      expect(blocks).toContain('AccountLimitExceededException');
      expect(blocks).toContain('request-service-quota-increase');
      expect(blocks).toContain('L-ACCF6C0D');
    } finally {
      await h.stop();
    }
  }, 60_000);

  it('SIGTERM mid-build: the process stops cleanly within its stop deadline and the next one resumes the build in the same message', async () => {
    // given: two slow builds followed by the tracker
    const h = await new Harness().start(scenario([{ op: 'replace', path: '/codebuild/behaviour', value: { phaseSeconds: 0.8 } }]));
    try {
      const { status } = await h.slowBuildsUnderWay();
      // when: Kubernetes asks it to stop
      const exited = await h.bot.stop();
      // then: a clean exit (0 only if the bot's own 9 s stop deadline did not fire), and the builds are left in the store for the next process
      expect(exited).toBe(0);
      expect(h.bot.output()).toMatch(/SIGTERM: stopping[\s\S]*stopped cleanly/);
      expect(h.slack.messages.find((m) => m.ts === status.ts)!.text).not.toContain('done');
      h.bot = await startCompiledBot(h.session, 'http', { SHIPMATE_BUILD_POLL_MS: '200' });
      await h.slack.waitForMessage((m) => m.ts === status.ts && (m.text ?? '').includes('done'), 30_000);
      expect(h.bot.output()).toContain('following 2 runs in flight');
      expect(h.slack.messages.filter(isStatus('1.2.0'))).toHaveLength(1);
      expect(h.buildsStarted()).toBe(2);
    } finally {
      await h.stop();
    }
  }, 90_000);

  it('survives a restart mid-build: the new process resumes tracking and posts the result', async () => {
    // given: two slow builds followed by the tracker
    const h = await new Harness().start(scenario([{ op: 'replace', path: '/codebuild/behaviour', value: { phaseSeconds: 0.8 } }]));
    try {
      const { card, status } = await h.slowBuildsUnderWay();
      // when: the process dies without warning and a new one starts
      await h.restartBot();
      // then
      await h.slack.waitForMessage((m) => m.ts === status.ts && (m.text ?? '').includes('done'), 30_000);
      expect(h.slack.messages.filter(isStatus('1.2.0'))).toHaveLength(1);
      expect(h.buildsStarted()).toBe(2);
      expect(h.bot.output()).toContain('following 2 runs in flight');
      await h.slack.waitForMessage((m) => m.ts === card.ts && JSON.stringify(m.blocks).includes('Builds finished: 2 succeeded'), 10_000);
    } finally {
      await h.stop();
    }
  }, 90_000);
});
