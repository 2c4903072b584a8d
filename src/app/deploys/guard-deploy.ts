import type { RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import { formatValue } from '../../domain/guards/evaluate-guard.js';
import { rich, type RichText } from '../../domain/text/rich-text.js';
import type { ApprovalRequest, Run } from '../../ports/store.port.js';
import type { EnvironmentGuard } from '../guards/guards-of.js';
import { judgeGuard, type GuardJudgement } from '../guards/judge-guard.js';
import type { DeployPayload } from './deploy-payload.js';
import type { DeployDeps } from './run-deploy.js';

/*
 * Metric guards after a rollout (SPEC §11). The deploy's run enters phase
 * `guarding` with the time it started; every guard is evaluated every
 * interval until its window has passed since then (a restarted follower
 * finishes the same window). A breach ends it at once as a failed rollout
 * (rolled back and locked by run-deploy). A guard that never had data, or
 * whose Prometheus did not answer, is told as "could not be judged": the
 * healthy deploy stands — never rolled back for Prometheus's sake — but is
 * not called guarded. The thread hears when a guard's state changes and
 * when it ends, not every interval.
 */

/** Lines told about one guard's state changing (judged ↔ not), beyond which a flapping Prometheus is not retold. */
const MAX_CHANGE_LINES = 4;

type State = 'judged' | 'no-data' | 'unjudged';

interface Watch {
  guard: EnvironmentGuard;
  evaluations: number;
  judged: number;
  /** The worst value judged so far (highest for below, lowest for above). */
  worst?: number;
  last?: State;
  lastProblem: string;
  changes: number;
  done: boolean;
}

export const guardsToWatch = (request: ApprovalRequest, payload: DeployPayload, deps: DeployDeps): EnvironmentGuard[] =>
  deps.guards?.guardsFor(request.environment, payload.service) ?? [];

/** The rollout succeeded: the run goes to phase `guarding`, stored with when it began and what the rollout said. */
export async function startGuarding(request: ApprovalRequest, run: Run, payload: DeployPayload, rolledOut: RolloutOutcome, deps: DeployDeps): Promise<Run> {
  const guards = guardsToWatch(request, payload, deps);
  const next = await saveRun(run, { detail: { ...run.detail, phase: 'guarding', guardingSince: deps.clock.now().toISOString(), rolledOut: rolledOut.message } }, deps);
  const list = guards.map((g) => `${g.name} (${thresholdText(g)}, ${g.window})`).join(', ');
  const every = `${Math.round((deps.guards?.intervalMs ?? 0) / 1000)} s`;
  await deps.notifier.progress(request, rich`:shield: Rolled out. Watching ${guards.length === 1 ? 'its metric guard' : 'its metric guards'} ${list}, every ${every}`);
  await deps.notifier.status(request, rich`:shield: ${payload.service} ${payload.version} rolled out in ${request.environment}; watching ${list}`);
  return next;
}

/**
 * Watches the guards from the stored start until every window has passed:
 * `succeeded` (the rollout's message and what the guards said) or a failed
 * outcome `MetricGuardBreached` quoting the value.
 */
export async function watchGuards(request: ApprovalRequest, run: Run, payload: DeployPayload, deps: DeployDeps): Promise<RolloutOutcome> {
  const since = new Date(String(run.detail.guardingSince ?? run.startedAt.toISOString())).getTime();
  const prometheus = deps.guards?.prometheusFor(request.environment);
  const watches: Watch[] = guardsToWatch(request, payload, deps).map((guard) => ({ guard, evaluations: 0, judged: 0, lastProblem: '', changes: 0, done: false }));
  for (;;) {
    if (deps.signal?.aborted) throw deps.signal.reason ?? new Error('the deploy was handed over');
    const now = deps.clock.now().getTime();
    for (const watch of watches.filter((w) => !w.done)) {
      const judgement = await judgeGuard(watch.guard, prometheus);
      if (judgement.outcome === 'breach') {
        const after = `${Math.round((now - since) / 1000)} s into its ${watch.guard.window} window`;
        return { kind: 'failed', reason: 'MetricGuardBreached', message: `${judgement.summary} (${after})`, events: [] };
      }
      await record(watch, judgement, request, deps);
      if (now >= since + watch.guard.windowSeconds * 1000) {
        watch.done = true;
        await deps.notifier.progress(request, endLine(watch, payload));
      }
    }
    if (watches.every((w) => w.done)) break;
    await deps.clock.sleep(deps.guards?.intervalMs ?? 15_000, deps.signal);
  }
  const unguarded = watches.filter((w) => w.judged < w.evaluations).map((w) => w.guard.name);
  const passed = watches.filter((w) => w.judged === w.evaluations).map((w) => w.guard.name);
  const said = [passed.length ? `guard ${passed.join(', ')} passed` : '', unguarded.length ? `${unguarded.join(', ')} could not be judged throughout (not fully guarded)` : '']
    .filter(Boolean)
    .join('; ');
  return { kind: 'succeeded', message: `${String(run.detail.rolledOut ?? 'rolled out')}; ${said}` };
}

async function record(watch: Watch, judgement: GuardJudgement, request: ApprovalRequest, deps: DeployDeps): Promise<void> {
  watch.evaluations++;
  const state: State = judgement.outcome === 'pass' || judgement.outcome === 'breach' ? 'judged' : judgement.outcome;
  if ('value' in judgement) {
    watch.judged++;
    const below = 'below' in watch.guard.threshold;
    if (watch.worst === undefined || (below ? judgement.value > watch.worst : judgement.value < watch.worst)) watch.worst = judgement.value;
  } else {
    watch.lastProblem = judgement.summary;
  }
  const changed = watch.last === undefined ? state !== 'judged' : state !== watch.last;
  watch.last = state;
  if (!changed || watch.changes >= MAX_CHANGE_LINES) return;
  watch.changes++;
  const line = state === 'judged' ? rich`:white_check_mark: ${judgement.summary} (judged again)` : rich`:grey_question: ${judgement.summary}: the guard is not judging now`;
  await deps.notifier.progress(request, line);
}

function endLine(watch: Watch, payload: DeployPayload): RichText {
  const { guard } = watch;
  const op = 'below' in guard.threshold ? '<' : '>';
  const limit = formatValue('below' in guard.threshold ? guard.threshold.below : guard.threshold.above);
  if (watch.judged === watch.evaluations) {
    return rich`:white_check_mark: ${guard.name} ${formatValue(watch.worst ?? Number.NaN)} ${op} ${limit} for ${guard.window}: guard passed`;
  }
  if (watch.judged === 0) {
    return rich`:warning: ${guard.name} could not be judged for ${guard.window} (${watch.lastProblem}): ${payload.service} ${payload.version} stays deployed, but it was not guarded`;
  }
  return rich`:warning: ${guard.name} ${formatValue(watch.worst ?? Number.NaN)} ${op} ${limit} whenever it could be judged (${watch.judged} of ${watch.evaluations} evaluations in ${guard.window}); the others could not be judged (${watch.lastProblem}): only partly guarded`;
}

export function thresholdText(guard: EnvironmentGuard): string {
  return 'below' in guard.threshold ? `below ${formatValue(guard.threshold.below)}` : `above ${formatValue(guard.threshold.above)}`;
}

async function saveRun(run: Run, change: Partial<Run>, deps: DeployDeps): Promise<Run> {
  const current = (await deps.store.getRun(run.id)) ?? run;
  const next: Run = { ...current, ...change, version: current.version + 1 };
  await deps.store.updateRun(next);
  return next;
}
