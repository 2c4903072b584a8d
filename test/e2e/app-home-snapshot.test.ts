import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { sendAppHomeOpened } from '../../src/sandbox/slack/app-home-opened.js';
import { homeViewsOf } from '../../src/sandbox/slack/home-views.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';

/**
 * The App Home and /shipmate status read a snapshot of each environment at
 * most a minute old, taken once whatever the number of viewers: on the
 * compiled bot, 100 Home tab opens in 10 s (and a /shipmate status among
 * them) cost no more AWS, Kubernetes and HTTP calls than two /readiness runs.
 */
const RELEASES = 'C0RELEASES';
const BACKEND_SYSTEMS = ['codebuild', 'ecr', 'quotas', 'kubernetes', 'http'];
const VIEWERS = ['U0ALICE', 'U0BOB', 'U0CAROL'];
const OPENS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isCard = (environment: string) => (m: PostedMessage) => m.channel === RELEASES && JSON.stringify(m.blocks ?? []).includes(`Readiness · ${environment}`);

describe('App Home: a shared snapshot, not a readiness run per open', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  const slack = () => session.sandbox.state.slack;
  const backendCalls = () => session.sandbox.state.calls.filter((c) => BACKEND_SYSTEMS.includes(c.system)).length;
  /** The backend calls `work` causes, counted once the bot has gone quiet. */
  const callsOf = async (work: () => Promise<unknown>) => {
    const before = backendCalls();
    await work();
    await quiet();
    return backendCalls() - before;
  };
  /** Waits until no backend call arrived for a second. */
  const quiet = async () => {
    let seen = -1;
    while (seen !== backendCalls()) {
      seen = backendCalls();
      await sleep(1000);
    }
  };

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    bot = await startCompiledBot(session, 'socket');
    await slack().waitForSocket(10_000);
    await quiet();
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it(`${OPENS} Home tab opens in 10 s, and /shipmate status among them, cost no more backend calls than two /readiness runs`, async () => {
    // given what a readiness run of each environment costs
    const readinessOf = (environment: string) =>
      callsOf(async () => {
        await slack().sendSlashCommand({ command: '/readiness', text: environment, userId: 'U0ALICE', channelId: RELEASES }, { mode: 'socket' });
        await slack().waitForMessage(isCard(environment), 20_000);
      });
    const staging = await readinessOf('staging');
    const production = await readinessOf('production');
    // when 100 opens arrive over 10 s, ten a second, from three people, and someone asks for /shipmate status halfway
    const published = homeViewsOf(slack()).published.length;
    const responses = slack().responses.length;
    const forViewers = await callsOf(async () => {
      const opens: Promise<unknown>[] = [];
      for (let second = 0; second < 10; second++) {
        for (let i = 0; i < OPENS / 10; i++) opens.push(sendAppHomeOpened(slack(), VIEWERS[(second * 10 + i) % VIEWERS.length]!, { mode: 'socket' }));
        if (second === 5) opens.push(slack().sendSlashCommand({ command: '/shipmate', text: 'status', userId: 'U0BOB', channelId: RELEASES }, { mode: 'socket' }));
        await sleep(1000);
      }
      await Promise.all(opens);
      await waitFor(() => homeViewsOf(slack()).published.length >= published + OPENS && slack().responses.length > responses, 60_000);
    });
    // then every open got its Home tab, status answered, and the backend saw at most two readiness runs' worth of calls
    console.log(`backend calls: /readiness staging = ${staging}, /readiness production = ${production}; ${OPENS} App Home opens and one /shipmate status = ${forViewers}`);
    expect(staging).toBeGreaterThan(0);
    expect(production).toBeGreaterThan(0);
    expect(homeViewsOf(slack()).published.length - published).toBe(OPENS);
    expect(slack().responses.slice(responses).some((r) => r.user === 'U0BOB' && JSON.stringify(r.blocks ?? r.text).includes('backend'))).toBe(true);
    expect(forViewers).toBeGreaterThan(0);
    // (the Home tab shows both environments: one readiness run of each)
    expect(forViewers).toBeLessThanOrEqual(staging + production);
  }, 120_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(100);
  }
}
