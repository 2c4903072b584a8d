import { formatValue } from '../../domain/guards/evaluate-guard.js';
import { rich, type RichText } from '../../domain/text/rich-text.js';
import type { Clock } from '../../ports/clock.port.js';
import type { PrometheusPort } from '../../ports/prometheus.port.js';
import type { EnvironmentGuard } from './guards-of.js';
import { judgeGuard, type GuardJudgement } from './judge-guard.js';

/*
 * Metric guards watched after a rollout (SPEC §11), for a /deploy and for a
 * release's deploy stage alike: every guard is evaluated every interval until
 * its window has passed since a stored start (a restarted follower finishes
 * the same window). A breach ends the watch at once. A guard that never had
 * data, or whose Prometheus did not answer, is told as "could not be judged":
 * never a pass, never a breach. The thread hears when a guard's state changes
 * and when it ends, not every interval.
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

export interface GuardWindowDeps {
  clock: Clock;
  signal?: AbortSignal | undefined;
  /** Between two evaluations. */
  intervalMs: number;
  prometheus: PrometheusPort | undefined;
  /** A line in the thread. */
  say(text: RichText): Promise<void>;
}

/** How the watch ended: a breach (the guard's summary and when), or every window passed with what could be judged. */
export type GuardWindowsOutcome =
  | { kind: 'breached'; guard: EnvironmentGuard; message: string }
  | { kind: 'watched'; passed: string[]; unguarded: string[] };

/** Watches `guards` from `since` (ms) until every window has passed or one breaches; `version` is what stays deployed when a guard cannot be judged. */
export async function watchGuardWindows(guards: readonly EnvironmentGuard[], since: number, version: string, deps: GuardWindowDeps): Promise<GuardWindowsOutcome> {
  const watches: Watch[] = guards.map((guard) => ({ guard, evaluations: 0, judged: 0, lastProblem: '', changes: 0, done: false }));
  for (;;) {
    if (deps.signal?.aborted) throw deps.signal.reason ?? new Error('handed over');
    const now = deps.clock.now().getTime();
    for (const watch of watches.filter((w) => !w.done)) {
      const judgement = await judgeGuard(watch.guard, deps.prometheus);
      if (judgement.outcome === 'breach') {
        const after = `${Math.round((now - since) / 1000)} s into its ${watch.guard.window} window`;
        return { kind: 'breached', guard: watch.guard, message: `${judgement.summary} (${after})` };
      }
      await record(watch, judgement, deps);
      if (now >= since + watch.guard.windowSeconds * 1000) {
        watch.done = true;
        await deps.say(endLine(watch, version));
      }
    }
    if (watches.every((w) => w.done)) break;
    await deps.clock.sleep(deps.intervalMs, deps.signal);
  }
  return {
    kind: 'watched',
    passed: watches.filter((w) => w.judged === w.evaluations).map((w) => w.guard.name),
    unguarded: watches.filter((w) => w.judged < w.evaluations).map((w) => w.guard.name),
  };
}

/** What the guards said, for the line that ends the deploy: "guard error-ratio passed; latency could not be judged throughout (not fully guarded)". */
export function guardsSaid(outcome: Extract<GuardWindowsOutcome, { kind: 'watched' }>): string {
  const { passed, unguarded } = outcome;
  return [passed.length ? `guard ${passed.join(', ')} passed` : '', unguarded.length ? `${unguarded.join(', ')} could not be judged throughout (not fully guarded)` : '']
    .filter(Boolean)
    .join('; ');
}

/** "error-ratio (below 0.01, 5m), latency (above 0.99, 1h)" */
export function guardList(guards: readonly EnvironmentGuard[]): string {
  return guards.map((g) => `${g.name} (${thresholdText(g)}, ${g.window})`).join(', ');
}

export function thresholdText(guard: EnvironmentGuard): string {
  return 'below' in guard.threshold ? `below ${formatValue(guard.threshold.below)}` : `above ${formatValue(guard.threshold.above)}`;
}

async function record(watch: Watch, judgement: GuardJudgement, deps: GuardWindowDeps): Promise<void> {
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
  await deps.say(line);
}

function endLine(watch: Watch, version: string): RichText {
  const { guard } = watch;
  const op = 'below' in guard.threshold ? '<' : '>';
  const limit = formatValue('below' in guard.threshold ? guard.threshold.below : guard.threshold.above);
  if (watch.judged === watch.evaluations) {
    return rich`:white_check_mark: ${guard.name} ${formatValue(watch.worst ?? Number.NaN)} ${op} ${limit} for ${guard.window}: guard passed`;
  }
  if (watch.judged === 0) {
    return rich`:warning: ${guard.name} could not be judged for ${guard.window} (${watch.lastProblem}): ${guard.service} ${version} stays deployed, but it was not guarded`;
  }
  return rich`:warning: ${guard.name} ${formatValue(watch.worst ?? Number.NaN)} ${op} ${limit} whenever it could be judged (${watch.judged} of ${watch.evaluations} evaluations in ${guard.window}); the others could not be judged (${watch.lastProblem}): only partly guarded`;
}
