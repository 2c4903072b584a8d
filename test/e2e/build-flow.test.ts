import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { createStore } from '../../src/adapters/store/create-store.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import type { PatchOperation } from '../../src/sandbox/json-patch.js';
import { applyPatch } from '../../src/sandbox/json-patch.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../../src/sandbox/slack/sandbox-slack-secrets.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';

/** /build end to end: the compiled bot in HTTP mode, the sandbox's Slack, CodeBuild and ECR, a SQLite store. */
const RELEASES = 'C0RELEASES';
const isCard = (m: PostedMessage) => m.channel === RELEASES && (m.text ?? '').includes('Build ') && JSON.stringify(m.blocks).includes('"approval:');
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
  const h = new Harness();
  beforeAll(async () => {
    await h.start(scenario());
  });
  afterAll(() => h.stop());

  it('posts an approval card; the requester cannot approve; of 20 concurrent Approve clicks exactly one starts one build per service', async () => {
    // given
    const asked = await h.command('1.2.0 backend frontend staging');
    expect(ackText(asked.ack)).toContain('before asking for approval');
    const card = await h.slack.waitForMessage(isCard, 10_000);
    expect(card.text).toContain('Build 1.2.0 of backend, frontend in staging');
    // when: the requester clicks first
    await h.click(card, 'U0ALICE');
    const refusal = await h.slack.waitForResponse((r) => r.user === 'U0ALICE' && (r.text ?? '').includes('you asked for this'), 5_000);
    expect(refusal.responseType).toBe('ephemeral');
    expect(h.startBuildCalls()).toBe(0);
    // when: 20 clicks at once from two allowed people
    const clicks = Array.from({ length: 20 }, (_, i) => ({ userId: i % 2 ? 'U0BOB' : 'U0CAROL', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }));
    const results = await h.slack.clickButtons(clicks, h.delivery());
    // then
    expect(results.every((r) => r.status === 200)).toBe(true);
    const status = await h.slack.waitForMessage((m) => isStatus('1.2.0')(m) && (m.text ?? '').includes('done'), 20_000);
    expect(h.startBuildCalls()).toBe(2);
    expect(h.buildsStarted()).toBe(2);
    expect(status.text).toMatch(/2 succeeded/);
    expect(JSON.stringify(status.blocks)).toContain('shop/backend:1.2.0 has linux/amd64');
    const decided = h.slack.messages.find((m) => m.ts === card.ts)!;
    expect(decided.text).toMatch(/^Approved/);
    expect(JSON.stringify(decided.blocks)).not.toContain('"actions"');
    await h.slack.waitForMessage((m) => m.ts === card.ts && JSON.stringify(m.blocks).includes('Builds finished: 2 succeeded'), 10_000);
    const refused = h.slack.responses.filter((r) => (r.text ?? '').includes('already approved'));
    expect(refused.length).toBe(19);
  }, 60_000);

  it('edits the status message at most once per 3 s', async () => {
    const status = h.slack.messages.find(isStatus('1.2.0'))!;
    const edits = h.slack.editsOf(RELEASES, status.ts);
    const times = [status.postedAt, ...edits.map((e) => e.at)];
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.every((g) => g >= 2900)).toBe(true);
  });

  it.each([
    ['', 'a version is required'],
    ['1.0;rm', 'is not a valid version'],
    ['1.3.0 payments', 'unknown service \\"payments\\" in staging'],
  ])('answers /build %j with one ephemeral line, starts nothing and writes only an audit entry', async (text, message) => {
    // given
    const before = h.startBuildCalls();
    const cards = h.slack.messages.filter(isCard).length;
    // when
    const result = await h.command(text);
    // then
    expect(ackText(result.ack)).toContain('"response_type":"ephemeral"');
    expect(ackText(result.ack)).toContain(message);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.startBuildCalls()).toBe(before);
    expect(h.slack.messages.filter(isCard).length).toBe(cards);
  });

  it('keeps those refusals in the audit log and no request for them', async () => {
    const store = createStore(`sqlite:${h.session.dir}/shipmate.db`);
    try {
      const audit = await store.recentAudit(50);
      expect(audit.filter((a) => a.action === 'build.refused')).toHaveLength(3);
      expect(await store.listRequests({})).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('/shipmate history shows the audit log and /shipmate cancel withdraws a pending request', async () => {
    await h.command('1.4.0 backend');
    const card = await h.slack.waitForMessage((m) => isCard(m) && (m.text ?? '').includes('1.4.0'), 10_000);
    const id = /approval:([a-z0-9]+)/.exec(JSON.stringify(card.blocks))![1]!;
    const cancel = await h.command(`cancel ${id}`, 'U0ALICE', '/shipmate');
    expect(ackText(cancel.ack)).toContain('is cancelled');
    await h.slack.waitForMessage((m) => m.ts === card.ts && (m.text ?? '').startsWith('Cancelled'), 5_000);
    const history = await h.command('history', 'U0BOB', '/shipmate');
    expect(ackText(history.ack)).toContain('build.cancelled');
    expect(ackText(history.ack)).toContain('build.succeeded');
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

  it('SIGTERM mid-build: the process stops cleanly within 10 s and the next one resumes the build in the same message', async () => {
    // given: two slow builds followed by the tracker
    const h = await new Harness().start(scenario([{ op: 'replace', path: '/codebuild/behaviour', value: { phaseSeconds: 0.8 } }]));
    try {
      const { status } = await h.slowBuildsUnderWay();
      // when: Kubernetes asks it to stop
      const exited = h.bot.stop();
      const deadline = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000).unref());
      // then: a clean exit, and the builds are left in the store for the next process
      expect(await Promise.race([exited, deadline])).toBe(0);
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
