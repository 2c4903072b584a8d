import { joinRich, rich } from '../../../domain/text/rich-text.js';
import type { EnvironmentGuard } from '../../guards/guards-of.js';
import { guardList, guardsSaid, watchGuardWindows } from '../../guards/watch-guard-windows.js';
import type { StageContext, StageResult } from './stage-context.js';

/*
 * The metric guards of a release's deploy stage (SPEC §11), as a /deploy
 * watches them: once every service of the stage has rolled out, the start is
 * recorded in the release's journal (before watching), then every guard of
 * every service is evaluated every interval until its window has passed
 * since that start. A resumed stage finds the start and finishes the same
 * windows without deploying again. A breach fails the stage (the release
 * rolls back what it patched and locks); a guard that could not be judged is
 * told so and does not fail it.
 */

/** The stage's services' guards, each named with its service: several services' guards share the release's thread. */
export function stageGuards(services: readonly string[], context: StageContext): EnvironmentGuard[] {
  const { deps, request } = context;
  return services.flatMap((service) => deps.guards?.guardsFor(request.environment, service) ?? []).map((guard) => ({ ...guard, name: `${guard.service} ${guard.name}` }));
}

/** This stage's guard watch, when its start was recorded (the stage is being resumed there). */
export function recordedGuarding(context: StageContext) {
  const guarding = context.journal.progress.guarding;
  return guarding?.stage === context.index ? guarding : undefined;
}

/** Records the start of the watch (once) and what the rollouts said, then watches; the stage's result. */
export async function guardStage(guards: readonly EnvironmentGuard[], rolledOut: readonly string[], context: StageContext): Promise<StageResult> {
  const { journal, deps, request, plan, index } = context;
  const summary = joinRich(rolledOut.map((line) => rich`${line}`), '\n');
  if (guards.length === 0) return { ok: true, summary };
  let guarding = recordedGuarding(context);
  if (!guarding) {
    guarding = { stage: index, since: deps.clock.now().toISOString(), rolledOut: [...rolledOut] };
    await journal.save((p) => ({ ...p, guarding }));
    const every = `${Math.round((deps.guards?.intervalMs ?? 0) / 1000)} s`;
    await context.say(rich`:shield: Rolled out. Watching ${guards.length === 1 ? 'the metric guard' : 'the metric guards'} ${guardList(guards)}, every ${every}`);
  }
  const outcome = await watchGuardWindows(guards, new Date(guarding.since).getTime(), plan.version, {
    clock: deps.clock,
    signal: deps.signal,
    intervalMs: deps.guards?.intervalMs ?? 15_000,
    prometheus: deps.guards?.prometheusFor(request.environment),
    say: (text) => context.say(text),
  });
  if (outcome.kind === 'breached') return { ok: false, reason: `MetricGuardBreached: ${outcome.message}` };
  return { ok: true, summary: rich`${summary}\n${guardsSaid(outcome)}` };
}
