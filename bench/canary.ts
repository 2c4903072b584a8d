import { startCompiledBot } from '../scripts/run-compiled-bot.js';
import { createArgoRolloutsPort } from '../src/adapters/kube/argo-rollouts-adapter.js';
import { loadConfig } from '../src/config/load-config.js';
import type { AnalysisRun } from '../src/ports/argo-rollouts.port.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import type { PostedMessage } from '../src/sandbox/slack/slack-log.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../src/sandbox/slack/sandbox-slack-secrets.js';

/**
 * npm run bench:canary — how long after a canary's AnalysisRun fails the
 * deploy's Slack thread reports it with its measurement (issue 18: under
 * 2,000 ms). The compiled bot (HTTP mode, SQLite store) deploys `checkout
 * 1.1.0 staging`, approved, to the Rollout of scenarios/canary-analysis-step2.yml,
 * whose step-2 analysis measures 0.4 and then 3.5 (Failed). The start is the
 * moment the AnalysisRun's phase Failed reaches a watch this script holds on
 * the sandbox's Kubernetes API (over loopback, as shipmate's own watch gets
 * it); the end is the moment the sandbox's Slack received the thread message
 * naming the failed analysis (its postedAt). Each run is a fresh sandbox and
 * bot, with a different measurement interval so the failure falls at
 * different points of the rollout. Median of the runs; the last line is one
 * JSON object.
 */
const INTERVAL_SECONDS = [0.2, 0.5, 0.8, 1.1, 1.4];
const RELEASES = 'C0RELEASES';

const textOf = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
const isCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks).includes('"approval:');
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

async function oneRun(intervalSeconds: number): Promise<number> {
  const base = loadScenario('canary-analysis-step2');
  const session = await startSandboxSession({
    ...base,
    world: applyPatch(base.world, [
      { op: 'add', path: '/kubernetes/behaviour', value: { podReadySeconds: 0.2 } },
      { op: 'add', path: '/kubernetes/analysis/error-rate/intervalSeconds', value: intervalSeconds },
    ]),
  });
  const staging = loadConfig(session.configPath, session.env).environments.staging!;
  const rollouts = createArgoRolloutsPort({ kubeconfigPath: session.kubeconfigPath, context: staging.kubernetes.context! });
  let failedAt: number | undefined;
  const stopWatching = await rollouts.watchAnalysisRuns(
    staging.kubernetes.namespace,
    'checkout',
    (run: AnalysisRun) => {
      if (failedAt === undefined && (run.phase === 'Failed' || run.phase === 'Error')) failedAt = Date.now();
    },
    () => undefined,
  );
  const bot = await startCompiledBot(session, 'http', { LOG_LEVEL: 'warn' });
  const slack = session.sandbox.state.slack;
  const delivery = { mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
  try {
    await slack.sendSlashCommand({ command: '/deploy', text: 'checkout 1.1.0 staging', userId: 'U0ALICE', channelId: RELEASES }, delivery);
    const card = await slack.waitForMessage(isCard, 15_000);
    await slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery);
    const failure = await slack.waitForMessage((m) => m.threadTs === card.ts && /AnalysisFailed|analysis/i.test(textOf(m)) && /3\.5/.test(textOf(m)), 60_000);
    if (failedAt === undefined) throw new Error('Slack reported the failed analysis before the sandbox failed it');
    return failure.postedAt - failedAt;
  } finally {
    stopWatching();
    await bot.stop();
    await session.close();
  }
}

const lags: number[] = [];
console.log(`the sandbox measures the canary's error rate every ${INTERVAL_SECONDS.join(', ')} s (one value per run); shipmate watches AnalysisRuns (no polling)`);
for (const [run, seconds] of INTERVAL_SECONDS.entries()) {
  const lag = await oneRun(seconds);
  lags.push(lag);
  console.log(`run ${run + 1}: interval ${seconds} s, the failed AnalysisRun in the thread ${Math.round(lag)} ms after it failed`);
}
console.log(`median ${median(lags)} ms, worst ${Math.round(Math.max(...lags))} ms over ${lags.length} deploys (target under 2,000 ms)`);
console.log(JSON.stringify({ analysis_failure_seen_ms: median(lags) }));
