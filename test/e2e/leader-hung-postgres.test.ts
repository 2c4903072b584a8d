import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import type { SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { startFreezableProxy, type FreezableProxy } from '../support/freezable-tcp-proxy.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { httpDelivery, inThread, newCard, patchesIn, RELEASES, repliesMatching, startReplicaSession, textOf } from '../support/replica-slack.js';

/**
 * Two compiled replicas on one PostgreSQL, the leader (A) reaching it through
 * a proxy that can stop answering without closing anything — the failure
 * only elapsed time reveals. A's connection hangs while it follows a
 * rollout: A must stop leading within the lease TTL, B takes the rollout
 * over and reports it once, and A says nothing even after its connection
 * comes back.
 */
const TTL_MS = 3_000;
const RENEW_MS = 1_000;
const DATABASE = 'shipmate_hung_leader';
/** Two pods rolled one at a time: the rollout lasts about 12 s after the patch, well past A's step-down. */
const POD_READY_SECONDS = 6;
const LEASE = { SHIPMATE_LEASE_TTL_MS: String(TTL_MS), SHIPMATE_LEASE_RENEW_MS: String(RENEW_MS), SHIPMATE_BUILD_POLL_MS: '200' };
const LEADS = /this replica leads/g;
const STEPPED_DOWN = /this replica no longer leads/;

describe('a leader whose PostgreSQL connection hangs', () => {
  let postgres: TestPostgres;
  let proxy: FreezableProxy;
  let session: SandboxSession;
  let a: CompiledBot;
  let b: CompiledBot;
  const slack = () => session.sandbox.state.slack;
  const until = (condition: () => void, timeout: number) => vi.waitFor(condition, { timeout, interval: 50 });

  beforeAll(async () => {
    postgres = await startPostgres();
    const direct = new URL(await postgres.createDatabase(DATABASE));
    proxy = await startFreezableProxy(direct.hostname, Number(direct.port));
    const throughProxy = new URL(direct.href);
    throughProxy.port = String(proxy.port);
    // One config for both; each replica's environment says how it reaches the database.
    session = await startReplicaSession('${SHIPMATE_TEST_STORE_URL}', POD_READY_SECONDS);
    a = await startCompiledBot(session, 'http', { ...LEASE, SHIPMATE_TEST_STORE_URL: throughProxy.href });
    await until(() => expect(a.output()).toMatch(LEADS), 15_000);
    b = await startCompiledBot(session, 'http', { ...LEASE, SHIPMATE_TEST_STORE_URL: direct.href });
  }, 60_000);

  afterAll(async () => {
    proxy?.thaw();
    await Promise.all([a, b].filter(Boolean).map((bot) => bot.stop()));
    await proxy?.close();
    await session?.close();
    postgres?.stop();
  });

  it('stops leading within the lease TTL; the other replica reports the rollout once, and the hung one never does', async () => {
    // given a deploy A follows, approved through A
    const card = await newCard(session, b, '/deploy', 'backend 1.0.0 staging');
    await slack().clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, httpDelivery(a));
    await inThread(session, card, /Patched deployment\/backend/, 30_000);
    expect(b.output()).not.toMatch(LEADS);

    // when A's connection to PostgreSQL stops answering mid-rollout
    proxy.freeze();
    const frozenAt = Date.now();

    // then A steps down by itself, while its queries still hang
    await until(() => expect(a.output()).toMatch(STEPPED_DOWN), 30_000);
    const steppedDownAfterMs = Date.now() - frozenAt;
    // and B takes the rollout over and reports it
    await until(() => expect(b.output()).toMatch(/this replica leads \(.*\): following 1 run in flight/), 30_000);
    const tookOverAfterMs = Date.now() - frozenAt;
    await inThread(session, card, /successfully rolled out/, 30_000);
    await slack().waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 30_000);

    // and when A's connection comes back, A says nothing more about it
    proxy.thaw();
    // Several lease lifetimes: long enough for A's stale queries to land and for A to have tried the lease again.
    await new Promise((resolve) => setTimeout(resolve, 4 * TTL_MS));
    expect(repliesMatching(session, card, /successfully rolled out/)).toHaveLength(1);
    expect(patchesIn(session)).toBe(1);
    expect(a.output().match(LEADS)).toHaveLength(1);
    expect(b.output()).not.toMatch(STEPPED_DOWN);
    console.info(`lease TTL ${TTL_MS} ms (renewed every ${RENEW_MS} ms): A stepped down ${steppedDownAfterMs} ms after its connection froze; B led ${tookOverAfterMs} ms after`);
  }, 120_000);
});
