import { runIdOf } from '../../domain/builds/start-builds.js';
import { FINISHED, progressOfRun } from '../../domain/builds/build-progress.js';
import { Refusal, UsageError } from '../../usage-error.js';
import { rich } from '../../domain/text/rich-text.js';
import type { ApprovalRequest } from '../../ports/store.port.js';
import type { DeployPayload } from '../deploys/deploy-payload.js';
import { decideOnRequest, type BuildFlowDeps } from '../decide-on-request.js';
import type { AppliedDecision } from '../../domain/approvals/apply-decision.js';
import { mayCancel, whoMayCancel } from '../cancel-policy.js';

export type CancelResult =
  | { kind: 'request'; decision: AppliedDecision }
  | { kind: 'builds'; stopped: string[] };

/**
 * /shipmate cancel <id>: a pending build or deploy request is cancelled; for
 * an approved build, its running builds are stopped (StopBuild) — or just
 * one, given "<request>-<service>". A deploy's rollout is not stopped from
 * chat (half a rollout is worse than either end): the answer says how to
 * lock or roll back instead. Whoever may not cancel (the cancel policy) is
 * refused before anything else happens.
 */
export async function cancelBuild(id: string, userId: string, deps: BuildFlowDeps): Promise<CancelResult> {
  const [requestId, service] = splitId(id);
  const request = await deps.store.getRequest(requestId);
  if (!request) throw new UsageError(`no request or build "${id}" (see /shipmate history)`);
  if (!(await mayCancel(request, userId, deps))) throw new Refusal(rich`you may not cancel ${request.id}: ${whoMayCancel(request, deps.config)}`);
  if (request.status === 'pending') return { kind: 'request', decision: await decideOnRequest(requestId, { kind: 'cancel', userId }, deps) };
  if (request.action === 'deploy') throw new Refusal(await deployNotCancelled(request, deps));
  if (request.action === 'release') throw new Refusal(`release ${request.id} is ${request.status}: a running release is not cancelled from chat (it rolls back by itself when a stage fails); /shipmate lock <service> ${request.environment} <reason> holds further deploys`);
  const runs = (await deps.store.runsOfRequest(requestId)).filter(
    (r) => (!service || r.id === runIdOf(requestId, service)) && r.externalId && !FINISHED.has(progressOfRun(r).state),
  );
  if (runs.length === 0) throw new Refusal(`nothing to cancel: request ${requestId} is ${request.status} and no build of it is running`);
  const stopped = await Promise.all(
    runs.map(async (run) => {
      await deps.builds.codebuildFor(run.environment).stopBuild(run.externalId!);
      await deps.store.appendAudit({
        at: deps.clock.now(),
        actor: userId,
        action: 'build.stop-requested',
        environment: run.environment,
        subject: run.id,
        detail: `StopBuild ${run.externalId}`,
      });
      return run.service;
    }),
  );
  deps.pokeTracker();
  return { kind: 'builds', stopped };
}

/** Why an approved deploy is not cancelled, and what to do instead. */
async function deployNotCancelled(request: ApprovalRequest, deps: BuildFlowDeps): Promise<string> {
  const { service } = request.payload as unknown as DeployPayload;
  const running = (await deps.store.runsOfRequest(request.id)).some((r) => r.status === 'starting' || r.status === 'running');
  if (!running) return `nothing to cancel: deploy ${request.id} is ${request.status} and its rollout is not running`;
  return (
    `deploy ${request.id} is already rolling out, and a running rollout is not cancelled from chat: ` +
    `it rolls itself back if it fails; to undo it, /deploy ${service} <previous version> ${request.environment}, ` +
    `and /shipmate lock ${service} ${request.environment} <reason> holds further deploys`
  );
}

function splitId(id: string): [string, string | undefined] {
  const dash = id.indexOf('-');
  return dash === -1 ? [id, undefined] : [id.slice(0, dash), id.slice(dash + 1)];
}
