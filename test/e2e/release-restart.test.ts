import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/faults.js';
import { textOf } from '../support/deploy-harness.js';
import { ReleaseHarness, releaseScenario } from '../support/release-harness.js';
import { waitUntil } from '../support/wait-until.js';

let current: ReleaseHarness | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

/** Short leases, so each restarted process leads at once instead of waiting out the production 15 s. */
const FAST_LEASE = { SHIPMATE_LEASE_TTL_MS: '1500', SHIPMATE_LEASE_RENEW_MS: '500' };
const DEPLOYMENT = (name: string) => new RegExp(`^PATCH /apis/apps/v1/namespaces/shop-staging/deployments/${name}$`);

/**
 * Where the process is killed (SPEC §13, issue 15): each point is a call the
 * sandbox holds without answering — `hang-after` once it has been applied
 * (the process dies not knowing it happened), `hang` before it is.
 */
const KILL_POINTS: Array<{ at: string; fault: FaultRule }> = [
  { at: 'mid-snapshot, CreateDBSnapshot applied', fault: { system: 'aws', operation: /^CreateDBSnapshot$/, mode: { kind: 'hang-after' }, times: 1 } },
  { at: 'mid-migration, the Job created', fault: { system: 'kubernetes', operation: /^POST \/apis\/batch\/v1\/namespaces\/shop-staging\/jobs$/, mode: { kind: 'hang-after' }, times: 1 } },
  { at: 'stage 3, backend patched', fault: { system: 'kubernetes', operation: DEPLOYMENT('backend'), mode: { kind: 'hang-after' }, times: 1 } },
  { at: 'the boundary before stage 5 (stage 4 verified)', fault: { system: 'kubernetes', operation: /^GET \/apis\/apps\/v1\/namespaces\/shop-staging\/deployments\/frontend$/, mode: { kind: 'hang' }, times: 1 } },
  { at: 'stage 5, frontend patched', fault: { system: 'kubernetes', operation: DEPLOYMENT('frontend'), mode: { kind: 'hang-after' }, times: 1 } },
];

describe('/release after kill -9', () => {
  it('resumes at the stage in progress after a kill at every stage and boundary: one snapshot, one Job, one patch per service, no stage run twice', async () => {
    // given
    const h = (current = await new ReleaseHarness().start(releaseScenario(), FAST_LEASE));
    const card = await h.releaseCard('1.2.0 staging');
    const faults = h.session.sandbox.state.faults;
    // when: killed at each point in turn, restarted each time
    h.session.sandbox.state.faults.add(KILL_POINTS[0]!.fault);
    await h.approve(card);
    for (const [i, point] of KILL_POINTS.entries()) {
      await waitUntil(() => faults.hits.length > i, 60_000, `the release to reach ${point.at}`);
      const next = KILL_POINTS[i + 1];
      if (next) faults.add(next.fault);
      await h.restart();
    }
    // then
    await h.waitInThread(card, /every stage passed/, 90_000);
    expect(h.callCount('CreateDBSnapshot')).toBe(1);
    expect(h.callCount('POST jobs')).toBe(1);
    expect(h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && DEPLOYMENT('backend').test(c.operation))).toHaveLength(1);
    expect(h.session.sandbox.state.calls.filter((c) => c.system === 'kubernetes' && DEPLOYMENT('frontend').test(c.operation))).toHaveLength(1);
    // stage 4 (verify health, login, me) ran once, stage 6 once: /me twice in all
    expect(h.session.sandbox.state.calls.filter((c) => c.operation === 'GET /api/staging/me')).toHaveLength(2);
    // each stage started once (the store's record; a chat message may be posted twice when the process dies between
    // Slack's answer and the outbox recording it: Slack has no idempotency key for chat.postMessage)
    expect(h.audited('release.stage.started')).toEqual(['1 snapshot', '2 migrate', '3 deploy', '4 verify', '5 deploy', '6 verify'].map((s) => `1.2.0: stage ${s}`));
    expect(await h.image('staging', 'frontend')).toMatch(/frontend:1\.2\.0@sha256:/);
    expect(textOf(card)).toContain('Release 1.2.0 to staging');
  }, 240_000);
});
