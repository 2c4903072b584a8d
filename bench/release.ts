import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabaseSnapshotsPort } from '../src/adapters/aws/rds-adapter.js';
import { createReadinessPorts } from '../src/adapters/create-readiness-ports.js';
import { createHttpClient } from '../src/adapters/http/http-client-adapter.js';
import { createStore } from '../src/adapters/store/create-store.js';
import type { ReleaseDeps, ReleaseRequestPayload } from '../src/app/releases/release-deps.js';
import { planRelease } from '../src/app/releases/plan-release.js';
import { progressOf } from '../src/app/releases/release-progress.js';
import { continueRelease, recordReleaseRun } from '../src/app/releases/run-release.js';
import { loadConfig } from '../src/config/load-config.js';
import { newRequest } from '../src/domain/approvals/new-request.js';
import { chatOutbox } from '../src/bot/outbox/chat-outbox.js';
import { slackDeployNotifier } from '../src/bot/slack-deploy-notifier.js';
import { systemClock } from '../src/ports/clock.port.js';
import type { StorePort } from '../src/ports/store.port.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';

/**
 * npm run bench:release — the gap between one stage of a release ending and
 * the next stage's first API call (issue 15: under 500 ms): what the engine
 * itself adds between stages (recording the stage, the audit entries, the
 * thread's messages and the card's checklist into the outbox) — not how long the
 * stages take. The release is the sandbox's six-stage runbook (snapshot,
 * migrate, backend, verify, frontend, verify) run in-process on the real
 * adapters and a SQLite store; a stage ends when its run records the next
 * stage, and the next stage starts at its first call to AWS, the cluster or
 * the smoke-tested service. Every gap of every run is kept; the last line
 * is one JSON object with the largest.
 */
const RUNS = 3;

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

/** Stage ends as the store sees them: the moment a run's progress moves on to the next stage. */
function timedStore(store: StorePort, ends: Map<number, number>): StorePort {
  return new Proxy(store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key !== 'updateRun' || typeof value !== 'function') return value;
      return async (...args: Parameters<StorePort['updateRun']>) => {
        const stage = progressOf(args[0]).stage;
        const result = await (value as StorePort['updateRun']).apply(target, args);
        if (!ends.has(stage - 1) && stage > 0) ends.set(stage - 1, Date.now());
        return result;
      };
    },
  });
}

async function oneRelease(run: number): Promise<number[]> {
  const scenario = loadScenario('release');
  const session = await startSandboxSession({ ...scenario, world: applyPatch(scenario.world, [{ op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds: 0.2 } }]) });
  Object.assign(process.env, session.env);
  const ends = new Map<number, number>();
  const store = createStore(`sqlite:${join(session.dir, `bench-${run}.db`)}`);
  try {
    await store.migrate();
    const config = loadConfig(session.configPath);
    const readiness = createReadinessPorts(config, 'staging');
    const ports = { ...readiness, snapshots: createDatabaseSnapshotsPort({ region: 'eu-west-1' }) };
    const plan = await planRelease(config, { environment: 'staging', version: '1.2.0', override: false }, ports, { store, clock: systemClock });
    if (plan.blockers.length > 0) throw new Error(`the release is blocked: ${plan.blockers.join('; ')}`);
    const payload: ReleaseRequestPayload = { ...plan, card: { title: 'bench', changes: [], preflight: [], policyLine: '', protected: false } };
    const pending = newRequest({ action: 'release', environment: 'staging', requestedBy: 'U0ALICE', payload: payload as unknown as Record<string, unknown>, channelId: 'C0BENCH', rule: { approvals: 1, selfApproval: false }, now: new Date(), ttlMinutes: 30 });
    const request = { ...pending, status: 'approved' as const, decidedAt: new Date(), approvals: [{ userId: 'U0BOB', at: new Date() }] };
    await store.createRequest(request);
    const deps: ReleaseDeps = {
      config,
      store: timedStore(store, ends),
      clock: systemClock,
      portsFor: () => ports,
      // The thread's messages go into the store's outbox as in the bot (delivering them is another loop's work).
      notifier: slackDeployNotifier(chatOutbox(store, systemClock, () => undefined), store),
      http: createHttpClient({ ca: readFileSync(config.http.caFile!, 'utf8') }),
      log: (message, error) => console.error(message, error ?? ''),
      rolloutTimeoutMs: 60_000,
      snapshotPollMs: 100,
      buildPollMs: 100,
      checklistEditMs: 3_000,
    };
    const calls = session.sandbox.state.calls;
    const firstCall = calls.length;
    await continueRelease(request, await recordReleaseRun(request, deps), deps);
    const done = await store.getRun(`${request.id}-release`);
    if (done?.status !== 'succeeded') throw new Error(`release ${run} ended ${done?.status}: ${JSON.stringify(progressOf(done!).failure)}`);
    // The sandbox (in this process) stamps each call with Date.now() as it arrives, as the ends are stamped.
    const started = calls.slice(firstCall).filter((c) => c.system !== 'slack');
    const gaps: number[] = [];
    for (const [stage, end] of [...ends.entries()].filter(([stage]) => stage + 1 < plan.stages.length)) {
      const next = started.find((c) => c.at >= end);
      if (!next) throw new Error(`no call after stage ${stage + 1} ended`);
      gaps.push(next.at - end);
    }
    return gaps;
  } finally {
    await store.close();
    await session.close();
  }
}

const all: number[][] = [];
for (let run = 0; run < RUNS; run++) all.push(await oneRelease(run));
all.forEach((gaps, run) => console.log(`run ${run + 1}: gaps after stages 1-5 (ms): ${gaps.map(Math.round).join(', ')}`));
const flat = all.flat();
console.log(`median gap ${median(flat)} ms over ${flat.length} stage changes`);
console.log(JSON.stringify({ release_stage_gap_ms: Math.round(Math.max(...flat)) }));
