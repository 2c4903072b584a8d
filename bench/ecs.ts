import { startCompiledBot } from '../scripts/run-compiled-bot.js';
import { ECS_POLL_MS } from '../src/domain/deploys/ecs/ecs-workload.js';
import { ecsRuntimeOf } from '../src/sandbox/aws/ecs-runtime.js';
import { statusAt } from '../src/sandbox/aws/ecs-tasks.js';
import { applyPatch } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario } from '../src/sandbox/scenarios.js';
import type { PostedMessage } from '../src/sandbox/slack/slack-log.js';
import { SANDBOX_SLACK_SIGNING_SECRET } from '../src/sandbox/slack/sandbox-slack-secrets.js';

/**
 * npm run bench:ecs — how long after the sandbox's ECS stops the first task of
 * a new revision because its image cannot be pulled the deploy's Slack thread
 * names CannotPullContainerError (issue 16: under 10 s). The compiled bot
 * (HTTP mode, SQLite store) deploys `api 1.2.0 staging`, approved, to the
 * ECS service api of scenarios/healthy-ecs.yml, where 1.2.0 is unpullable.
 * The start is the task's stoppedAt as the sandbox's ECS reports it (taken
 * from inside the sandbox); the end is the moment the sandbox's Slack
 * received the thread message naming the error (its postedAt).
 * ECS has no watch API: shipmate polls it every ECS_POLL_MS, so the figure is
 * mostly where the stop falls in the poll cycle. Each run is a fresh sandbox
 * and bot, with a different task start time so that the stops fall at
 * different points of that cycle. Median of the runs; the last line is one
 * JSON object.
 */
const TASK_START_SECONDS = [0.3, 1.2, 2.1, 3.0, 3.9];
const REASON = 'CannotPullContainerError: pull image manifest has been retried 7 time(s): pull access denied';
const RELEASES = 'C0RELEASES';

const textOf = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
const isCard = (m: PostedMessage) => m.channel === RELEASES && !m.threadTs && JSON.stringify(m.blocks).includes('"approval:');
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

async function oneRun(taskStartSeconds: number): Promise<{ lagMs: number; stoppedAfterUpdateMs: number }> {
  const base = loadScenario('healthy-ecs');
  const session = await startSandboxSession({
    ...base,
    world: applyPatch(base.world, [
      { op: 'replace', path: '/ecs/behaviour/taskStartSeconds', value: taskStartSeconds },
      { op: 'add', path: '/ecs/behaviour/images', value: { '1.2.0': { failure: 'unpullable', reason: REASON } } },
    ]),
  });
  const bot = await startCompiledBot(session, 'http', { LOG_LEVEL: 'warn' });
  const slack = session.sandbox.state.slack;
  const delivery = { mode: 'http' as const, url: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SANDBOX_SLACK_SIGNING_SECRET };
  try {
    await slack.sendSlashCommand({ command: '/deploy', text: 'api 1.2.0 staging', userId: 'U0ALICE', channelId: RELEASES }, delivery);
    const card = await slack.waitForMessage(isCard, 15_000);
    await slack.clickButton({ userId: 'U0BOB', channelId: RELEASES, messageTs: card.ts, actionId: 'approve' }, delivery);
    const failure = await slack.waitForMessage((m) => m.threadTs === card.ts && /CannotPullContainerError/.test(textOf(m)), 60_000);
    // A failure is a reply of its own (broadcast), never an edit: Slack received it at postedAt.
    const seenAt = failure.postedAt;
    // The sandbox's ECS, as of the moment Slack received the message: the first task of the new revision that failed to start.
    const stops = [...ecsRuntimeOf(session.sandbox.state, seenAt).tasks.values()]
      .filter((t) => t.fate.kind === 'unpullable')
      .map((t) => statusAt(t, seenAt))
      .filter((s) => s.lastStatus === 'STOPPED' && s.stopCode === 'TaskFailedToStart')
      .map((s) => s.stoppedAt!);
    if (stops.length === 0) throw new Error('Slack named CannotPullContainerError before the sandbox stopped any task');
    const stoppedAt = Math.min(...stops);
    const update = session.sandbox.state.calls.find((c) => c.operation === 'UpdateService');
    return { lagMs: seenAt - stoppedAt, stoppedAfterUpdateMs: stoppedAt - (update?.at ?? stoppedAt) };
  } finally {
    await bot.stop();
    await session.close();
  }
}

const lags: number[] = [];
console.log(`shipmate polls ECS every ${ECS_POLL_MS / 1000} s (ECS_POLL_MS); the sandbox's tasks take ${TASK_START_SECONDS.join(', ')} s to start (one value per run; an unpullable image stops the task two thirds of the way)`);
for (const [run, seconds] of TASK_START_SECONDS.entries()) {
  const { lagMs, stoppedAfterUpdateMs } = await oneRun(seconds);
  lags.push(lagMs);
  console.log(`run ${run + 1}: task start ${seconds} s, first task stopped ${Math.round(stoppedAfterUpdateMs)} ms after UpdateService; its reason in the thread ${Math.round(lagMs)} ms after it stopped`);
}
console.log(`median ${median(lags)} ms, worst ${Math.round(Math.max(...lags))} ms over ${lags.length} deploys (target under 10,000 ms)`);
console.log(JSON.stringify({ ecs_failure_seen_ms: median(lags) }));
