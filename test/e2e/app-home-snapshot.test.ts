import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompiledBot, type CompiledBot } from '../../scripts/run-compiled-bot.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import { sendAppHomeOpened } from '../../src/sandbox/slack/app-home-opened.js';
import { homeViewsOf } from '../../src/sandbox/slack/home-views.js';
import type { PostedMessage } from '../../src/sandbox/slack/slack-log.js';
import { commandsHandled } from '../support/commands-handled.js';
import { waitUntil } from '../support/wait-until.js';

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
/** Paces the opens (ten a second): the shape of the load, not a wait for anything. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isCard = (environment: string) => (m: PostedMessage) => m.channel === RELEASES && JSON.stringify(m.blocks ?? []).includes(`Readiness · ${environment}`);

describe('App Home: a shared snapshot, not a readiness run per open', () => {
  let session: SandboxSession;
  let bot: CompiledBot;
  const slack = () => session.sandbox.state.slack;
  const backendCalls = () => session.sandbox.state.calls.filter((c) => BACKEND_SYSTEMS.includes(c.system)).length;
  const handled = (command: string) => commandsHandled(bot.port, command);
  /** The backend calls `work` causes; `work` returns once the bot has finished it (a signal, not a pause). */
  const callsOf = async (work: () => Promise<unknown>) => {
    const before = backendCalls();
    await work();
    return backendCalls() - before;
  };

  beforeAll(async () => {
    session = await startSandboxSession(loadScenario('healthy'));
    bot = await startCompiledBot(session, 'socket');
    await slack().waitForSocket(10_000);
  });
  afterAll(async () => {
    await bot?.stop();
    await session?.close();
  });

  it(`${OPENS} Home tab opens in 10 s, and /shipmate status among them, cost no more backend calls than two /readiness runs`, async () => {
    // given what a readiness run of each environment costs
    const readinessOf = (environment: string) =>
      callsOf(async () => {
        const runs = await handled('readiness');
        await slack().sendSlashCommand({ command: '/readiness', text: environment, userId: 'U0ALICE', channelId: RELEASES }, { mode: 'socket' });
        await slack().waitForMessage(isCard(environment), 20_000);
        await waitUntil(async () => (await handled('readiness')) === runs + 1, 20_000, `/readiness ${environment} to be handled`);
      });
    const staging = await readinessOf('staging');
    const production = await readinessOf('production');
    // when 100 opens arrive over 10 s, ten a second, from three people, and someone asks for /shipmate status halfway
    const published = homeViewsOf(slack()).published.length;
    const responses = slack().responses.length;
    const statuses = await handled('shipmate');
    const forViewers = await callsOf(async () => {
      const opens: Promise<unknown>[] = [];
      for (let second = 0; second < 10; second++) {
        for (let i = 0; i < OPENS / 10; i++) opens.push(sendAppHomeOpened(slack(), VIEWERS[(second * 10 + i) % VIEWERS.length]!, { mode: 'socket' }));
        if (second === 5) opens.push(slack().sendSlashCommand({ command: '/shipmate', text: 'status', userId: 'U0BOB', channelId: RELEASES }, { mode: 'socket' }));
        await sleep(1000);
      }
      await Promise.all(opens);
      await waitUntil(() => homeViewsOf(slack()).published.length >= published + OPENS && slack().responses.length > responses, 60_000, 'every Home tab and the status');
      await waitUntil(async () => (await handled('shipmate')) === statuses + 1, 20_000, '/shipmate status to be handled');
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
