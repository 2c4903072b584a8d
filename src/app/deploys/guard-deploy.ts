import type { RolloutOutcome } from '../../domain/deploys/watch-rollout.js';
import { rich } from '../../domain/text/rich-text.js';
import type { ApprovalRequest, Run } from '../../ports/store.port.js';
import type { EnvironmentGuard } from '../guards/guards-of.js';
import { guardList, guardsSaid, watchGuardWindows } from '../guards/watch-guard-windows.js';
import type { DeployPayload } from './deploy-payload.js';
import type { DeployDeps } from './run-deploy.js';

/*
 * Metric guards after a /deploy's rollout (SPEC §11). The deploy's run enters
 * phase `guarding` with the time it started; the guards are watched from then
 * (watch-guard-windows.ts), so a restarted follower finishes the same window.
 * A breach ends it at once as a failed rollout (rolled back and locked by
 * run-deploy). A guard that could not be judged leaves the healthy deploy
 * standing — never rolled back for Prometheus's sake — but not called guarded.
 */

export const guardsToWatch = (request: ApprovalRequest, payload: DeployPayload, deps: DeployDeps): EnvironmentGuard[] =>
  deps.guards?.guardsFor(request.environment, payload.service) ?? [];

/** The rollout succeeded: the run goes to phase `guarding`, stored with when it began and what the rollout said. */
export async function startGuarding(request: ApprovalRequest, run: Run, payload: DeployPayload, rolledOut: RolloutOutcome, deps: DeployDeps): Promise<Run> {
  const guards = guardsToWatch(request, payload, deps);
  const next = await saveRun(run, { detail: { ...run.detail, phase: 'guarding', guardingSince: deps.clock.now().toISOString(), rolledOut: rolledOut.message } }, deps);
  const list = guardList(guards);
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
  const outcome = await watchGuardWindows(guardsToWatch(request, payload, deps), since, payload.version, {
    clock: deps.clock,
    signal: deps.signal,
    intervalMs: deps.guards?.intervalMs ?? 15_000,
    prometheus: deps.guards?.prometheusFor(request.environment),
    say: (text) => deps.notifier.progress(request, text),
  });
  if (outcome.kind === 'breached') return { kind: 'failed', reason: 'MetricGuardBreached', message: outcome.message, events: [] };
  return { kind: 'succeeded', message: `${String(run.detail.rolledOut ?? 'rolled out')}; ${guardsSaid(outcome)}` };
}

async function saveRun(run: Run, change: Partial<Run>, deps: DeployDeps): Promise<Run> {
  const current = (await deps.store.getRun(run.id)) ?? run;
  const next: Run = { ...current, ...change, version: current.version + 1 };
  await deps.store.updateRun(next);
  return next;
}
