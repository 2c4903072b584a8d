import { afterEach, describe, expect, it } from 'vitest';
import { startCompiledBot } from '../../scripts/run-compiled-bot.js';
import { DeployHarness as Harness, isCard, RELEASES, scenario, textOf } from '../support/deploy-harness.js';

let current: Harness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('/deploy', () => {
  it('rolls out the pinned image, follows it like kubectl in the card\'s thread, then runs /verify', async () => {
    // given
    const h = (current = await new Harness().start(scenario()));
    // when
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    // then
    expect(textOf(card)).toContain('Deploy backend 1.0.0 to staging');
    await h.waitInThread(card, /successfully rolled out/);
    await h.waitInThread(card, /Verify/, 20_000);
    const image = await h.image();
    expect(image).toMatch(/^111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/shop\/backend:1\.0\.0@sha256:[0-9a-f]{64}$/);
    expect(h.thread(card).some((m) => /Waiting for deployment "backend" rollout to finish/.test(textOf(m)))).toBe(true);
    await h.slack.waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 10_000);
  }, 60_000);

  it('fails fast on CrashLoopBackOff, rolls back, broadcasts it, locks the service; the next deploy is refused naming the lock', async () => {
    // given: pods of 1.0.0 crash
    const h = (current = await new Harness().start(scenario([{ op: 'add', path: '/kubernetes/behaviour/failures', value: { '1.0.0': 'crash-loop' } }])));
    const before = await h.image();
    // when
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    // then
    const failure = await h.waitInThread(card, /CrashLoopBackOff/);
    expect(failure.replyBroadcast).toBe(true);
    await h.waitInThread(card, /rolled back to 1\.1\.0/, 30_000);
    expect(await h.image()).toBe(before);
    const refused = await h.command('backend 1.0.0 staging');
    expect(JSON.stringify(refused.ack)).toContain('deploys of backend to staging are locked by shipmate');
    expect(JSON.stringify(refused.ack)).not.toContain('Usage:');
    // and unlocking opens it again
    const unlock = await h.command('unlock backend staging', '/shipmate', 'U0BOB');
    expect(JSON.stringify(unlock.ack)).toContain('open again');
  }, 60_000);

  it('refuses when the tag moved between approval and rollout, patching nothing', async () => {
    const h = (current = await new Harness().start(scenario()));
    await h.command('backend 1.0.0 staging');
    const card = await h.slack.waitForMessage(isCard, 15_000);
    // the tag is pushed again (new digest) before anyone approves
    const repo = h.session.sandbox.state.world.ecr.repositories[0]!;
    repo.images.push({ tags: ['1.0.0'], kind: 'index', platforms: ['linux/amd64'], sizeBytes: 1000, pushedAt: '2026-11-22T12:00:00Z', scan: { status: 'COMPLETE', findings: {} } });
    await h.slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, h.delivery());
    await h.waitInThread(card, /moved since approval/);
    expect(h.patches()).toBe(0);
  }, 60_000);

  it.each([
    ['payments 1.0.0', 'unknown service \\"payments\\" in staging'],
    ['backend 1.0;x', 'is not a valid version'],
    ['backend 9.9.9', 'ecr.tag'],
  ])('answers /deploy %s with one line and patches nothing', async (text, message) => {
    const h = (current = await new Harness().start(scenario()));
    const answer = await h.command(text);
    const said = JSON.stringify(answer.ack) + JSON.stringify(h.slack.responses.map((r) => r.text));
    if (!said.includes(message)) await h.slack.waitForResponse((r) => JSON.stringify(r.text).includes(message), 10_000);
    expect(h.patches()).toBe(0);
    expect(h.slack.messages.filter(isCard)).toHaveLength(0);
  }, 30_000);

  it('answers a Deployment that does not exist, and an unreachable cluster, with one line and patches nothing', async () => {
    // given: backend's Deployment renamed in the config
    const renamed = scenario();
    const h = (current = await new Harness().start({ ...renamed, configPatch: [{ op: 'replace', path: '/services/backend/kubernetes/deployment', value: 'backend-v2' }] }));
    // when
    await h.command('backend 1.0.0 staging');
    // then
    await h.slack.waitForResponse((r) => (r.text ?? '').includes('k8s.deployment: deployment/backend-v2 not found'), 15_000);
    // and when the cluster cannot be reached
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(h.session.kubeconfigPath, readFileSync(h.session.kubeconfigPath, 'utf8').replaceAll(h.session.sandbox.url, 'http://127.0.0.1:9'));
    h.bot.child.kill('SIGKILL');
    await h.bot.stop();
    h.bot = await startCompiledBot(h.session, 'http');
    await h.command('frontend 1.0.0 staging');
    await h.slack.waitForResponse((r) => /cannot be deployed.*unreachable/.test(r.text ?? ''), 30_000);
    expect(h.patches()).toBe(0);
    expect(h.slack.messages.filter(isCard)).toHaveLength(0);
  }, 60_000);

  it('after a deploy whose smoke tests fail, posts the table and a rollback card behind approval; /shipmate status shows the new image', async () => {
    // given: the login endpoint of staging answers 500
    const h = (current = await new Harness().start(
      scenario([{ op: 'replace', path: '/http/endpoints/6/status', value: 500 }]),
    ));
    expect(h.session.sandbox.state.world.http.endpoints[6]!.path).toBe('/api/staging/login');
    // when
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    // then
    const table = await h.waitInThread(card, /Verify · staging/, 30_000);
    expect(textOf(table)).toMatch(/login/);
    const rollback = await h.waitInThread(card, /Roll back backend in staging to 1\.1\.0/, 10_000);
    expect(JSON.stringify(rollback.blocks)).toContain('"approve"');
    const status = await h.command('status', '/shipmate', 'U0BOB');
    expect(status.status).toBe(200);
    const answer = await h.slack.waitForResponse((r) => (r.text ?? '').startsWith('Status of'), 20_000);
    expect(JSON.stringify(answer.blocks)).toMatch(/staging\* · backend `1\.0\.0`/);
  }, 60_000);

  it('/verify posts the smoke-test table in the channel; an environment without smoke tests gets one line', async () => {
    const h = (current = await new Harness().start({
      ...scenario(),
      configPatch: [{ op: 'replace', path: '/environments/production/smokeTests', value: [] }],
    }));
    const asked = await h.command('staging', '/verify');
    expect(JSON.stringify(asked.ack)).toContain('Running the smoke tests of staging');
    const table = await h.slack.waitForMessage((m) => !m.threadTs && /Verify · staging · 4\/4 passed/.test(textOf(m)), 20_000);
    expect(textOf(table)).toContain('catalog');
    const none = await h.command('production', '/verify');
    expect(JSON.stringify(none.ack)).toContain('production has no smoke tests');
  }, 30_000);

  it('resumes watching after a restart mid-rollout and still reports', async () => {
    // given: a short lease, so the restarted process leads without waiting out the production 15 s
    const h = (current = await new Harness().start(scenario([{ op: 'replace', path: '/kubernetes/behaviour', value: { podReadySeconds: 3 } }]), { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' }));
    const card = await h.requestAndApprove('backend 1.0.0 staging');
    await h.waitInThread(card, /Patched deployment\/backend/);
    // when
    await h.restart();
    // then
    await h.waitInThread(card, /successfully rolled out/, 40_000);
    expect(h.patches()).toBe(1);
  }, 90_000);
});
