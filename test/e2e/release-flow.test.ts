import { afterEach, describe, expect, it } from 'vitest';
import { isCard, RELEASES, textOf } from '../support/deploy-harness.js';
import { ReleaseHarness, releaseScenario } from '../support/release-harness.js';

let current: ReleaseHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

const PINNED = /111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/(backend|frontend):1\.2\.0@sha256:[0-9a-f]{64}/;

describe('/release', () => {
  it('runs snapshot → migrate → backend → verify → frontend → verify in one thread under one approval; the requester cannot approve it', async () => {
    // given
    const h = (current = await new ReleaseHarness().start(releaseScenario()));
    const card = await h.releaseCard('1.2.0 staging');
    expect(textOf(card)).toContain('Release 1.2.0 to staging');
    // when the requester clicks Approve, then a colleague does
    await h.approve(card, 'U0ALICE');
    await h.slack.waitForResponse((r) => /you asked for this; someone else has to approve it/.test(r.text ?? ''), 10_000);
    await h.approve(card);
    // then
    await h.waitInThread(card, /every stage passed/, 60_000);
    const thread = h.threadTexts(card);
    const order = ['Stage 1: snapshot shop-staging-db', 'Stage 2: migrate backend', 'Stage 3: deploy backend', 'Stage 4: verify', 'Stage 5: deploy frontend', 'Stage 6: verify'];
    const at = order.map((stage) => thread.findIndex((t) => t.includes(stage)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(await h.image('staging', 'backend')).toMatch(PINNED);
    expect(await h.image('staging', 'frontend')).toMatch(PINNED);
    expect(h.callCount('CreateDBSnapshot')).toBe(1);
    expect(h.callCount('POST jobs')).toBe(1);
    expect(h.patches()).toBe(2);
    expect(h.slack.messages.filter((m) => m.channel === RELEASES && !m.threadTs)).toHaveLength(1);
    const done = await h.slack.waitForMessage((m) => m.ts === card.ts && /Release 1\.2\.0 to staging succeeded/.test(textOf(m)), 15_000);
    expect(textOf(done)).toContain(':white_check_mark: 1. snapshot shop-staging-db');
    expect(textOf(done)).toContain(':white_check_mark: 6. verify health, login, me, catalog');
  }, 120_000);

  it('stops a failing migration before any deploy and quotes the Job\'s last log lines', async () => {
    // given
    const h = (current = await new ReleaseHarness().start(releaseScenario('release-failing-migration')));
    const card = await h.releaseCard('1.2.0 staging');
    // when
    await h.approve(card);
    // then
    const failure = await h.waitInThread(card, /failed at stage 2/, 60_000);
    expect(failure.replyBroadcast).toBe(true);
    expect(failure.text).toContain('relation "orders" does not exist');
    expect(failure.text).toContain('Last log lines of the Job');
    const story = await h.waitInThread(card, /stopped at stage 2 migrate/, 20_000);
    expect(textOf(story)).toContain('Nothing was deployed');
    expect(textOf(story)).toMatch(/Cannot be undone: the migration `alembic upgrade head`/);
    expect(textOf(story)).toMatch(/shipmate-staging-1-2-0-/);
    expect(h.patches()).toBe(0);
  }, 120_000);

  it('stops when the snapshot fails: no migration, no deploy, and the thread says the database was not touched', async () => {
    // given
    const h = (current = await new ReleaseHarness().start(releaseScenario('release-failing-snapshot')));
    const card = await h.releaseCard('1.2.0 staging');
    // when
    await h.approve(card);
    // then
    const story = await h.waitInThread(card, /stopped at stage 1 snapshot/, 60_000);
    expect(story.text).toContain('Nothing was deployed');
    expect(story.text).not.toContain('Cannot be undone');
    expect(story.text).toContain('no migration ran, so the database is as it was');
    expect(story.text).toContain('--from 1');
    expect(h.callCount('POST jobs')).toBe(0);
    expect(h.patches()).toBe(0);
  }, 120_000);

  it('rolls back frontend then backend when frontend crash-loops, locks both, names the migration and the snapshot; --from resumes after the fix', async () => {
    // given
    const h = (current = await new ReleaseHarness().start(releaseScenario('release-crashing-frontend')));
    const card = await h.releaseCard('1.2.0 staging');
    // when
    await h.approve(card);
    // then
    const story = await h.waitInThread(card, /stopped at stage 5 deploy/, 90_000);
    expect(textOf(story)).toContain('Rolled back, in this order: frontend, backend');
    expect(textOf(story)).toContain('Locked in staging: backend, frontend');
    expect(textOf(story)).toMatch(/Cannot be undone: the migration `alembic upgrade head` of backend \(Job shipmate-migrate-/);
    expect(textOf(story)).toMatch(/To restore the database: the snapshot `shipmate-staging-1-2-0-/);
    expect(textOf(story)).toContain('/release 1.2.0 staging --from 3');
    const card5 = await h.slack.waitForMessage((m) => m.ts === card.ts && /failed at stage 5; rolled back/.test(textOf(m)), 15_000);
    expect(textOf(card5)).toContain(':leftwards_arrow_with_hook: 3. deploy backend (rolled back)');
    expect(textOf(card5)).toContain(':x: 5. deploy frontend');
    expect(await h.image('staging', 'backend')).toMatch(/backend:1\.1\.0/);
    expect(await h.image('staging', 'frontend')).toMatch(/frontend:1\.1\.0/);
    const refused = await h.command('frontend 1.2.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('locked by shipmate');

    // and when the frontend is fixed, both unlocked and the release resumed from stage 3
    const behaviour = h.session.sandbox.state.world.kubernetes as unknown as { behaviour: { failures?: Record<string, string> } };
    behaviour.behaviour.failures = {};
    for (const service of ['backend', 'frontend']) await h.command(`unlock ${service} staging`, '/shipmate', 'U0BOB');
    const snapshots = h.callCount('CreateDBSnapshot');
    const jobs = h.callCount('POST jobs');
    const again = await h.releaseCard('1.2.0 staging --from 3');
    expect(textOf(again)).toMatch(/skipped/);
    await h.approve(again);
    await h.waitInThread(again, /every stage passed/, 60_000);
    expect(await h.image('staging', 'frontend')).toMatch(PINNED);
    expect(h.callCount('CreateDBSnapshot')).toBe(snapshots);
    expect(h.callCount('POST jobs')).toBe(jobs);
  }, 180_000);

  it('builds images the release needs first, follows CodeBuild to ECR, then deploys them pinned to the built digests', async () => {
    // given: 1.3.0 is not in ECR; the runbook starts with a build stage
    const base = releaseScenario('release', [{ op: 'add', path: '/codebuild/behaviour', value: { phaseSeconds: 0.15 } }]);
    const withBuild = { ...base, configPatch: [...base.configPatch, { op: 'add' as const, path: '/environments/staging/releases/stages/0', value: { build: ['backend', 'frontend'] } }] };
    const h = (current = await new ReleaseHarness().start(withBuild, { SHIPMATE_BUILD_POLL_MS: '200' }));
    const card = await h.releaseCard('1.3.0 staging');
    expect(textOf(card)).toMatch(/built by stage 1|to be built/);
    // when
    await h.approve(card);
    // then
    await h.waitInThread(card, /Stage 1 build: built and in ECR/, 60_000);
    await h.waitInThread(card, /every stage passed/, 60_000);
    expect(h.callCount('StartBuild')).toBe(2);
    expect(await h.image('staging', 'backend')).toMatch(/shop\/backend:1\.3\.0@sha256:[0-9a-f]{64}$/);
    expect(await h.image('staging', 'frontend')).toMatch(/shop\/frontend:1\.3\.0@sha256:[0-9a-f]{64}$/);
  }, 120_000);

  it.each([
    ['1.2.0 nowhere', 'unknown environment'],
    ['1.2.0 staging --from 9', '--from'],
    ['1.2.0 staging --from verify', 'verify'],
    ['1.2.0 production', 'no release is configured for production'],
    ['1.2.0 staging --bogus', 'unknown option'],
  ])('answers /release %s with one line and calls nothing', async (text, message) => {
    const h = (current = await new ReleaseHarness().start(releaseScenario()));
    const calls = h.session.sandbox.state.calls.filter((c) => c.system !== 'slack').length;
    const answer = await h.release(text);
    expect(JSON.stringify(answer.ack)).toContain(message);
    expect(h.session.sandbox.state.calls.filter((c) => c.system !== 'slack').length).toBe(calls);
    expect(h.slack.messages.filter((m) => m.channel === RELEASES && isCard(m))).toHaveLength(0);
  }, 30_000);
});
