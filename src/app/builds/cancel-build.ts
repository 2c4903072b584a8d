import { runIdOf } from '../../domain/builds/start-builds.js';
import { FINISHED, progressOfRun } from '../../domain/builds/build-progress.js';
import { UsageError } from '../../usage-error.js';
import { isMember } from '../../domain/approvals/principals.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import { decideOnRequest, type BuildFlowDeps } from '../decide-on-request.js';
import type { AppliedDecision } from '../../domain/approvals/apply-decision.js';

export type CancelResult =
  | { kind: 'request'; decision: AppliedDecision }
  | { kind: 'builds'; stopped: string[] };

/**
 * /shipmate cancel <id>: a pending request is cancelled (by its requester or
 * an approver); for an approved one, its running builds are stopped
 * (StopBuild) — or just one, given "<request>-<service>".
 */
export async function cancelBuild(id: string, userId: string, deps: BuildFlowDeps): Promise<CancelResult> {
  const [requestId, service] = splitId(id);
  const request = await deps.store.getRequest(requestId);
  if (!request) throw new UsageError(`no request or build "${id}" (see /shipmate history)`);
  if (request.status === 'pending') return { kind: 'request', decision: await decideOnRequest(requestId, { kind: 'cancel', userId }, deps) };
  const rule = policyFor(deps.config.policy, 'build', request.environment);
  if (userId !== request.requestedBy && !(await isMember(rule.approvers, userId, deps.directory))) {
    throw new UsageError(`only <@${request.requestedBy}> or an approver may stop these builds (${policyLine(rule, 'build', request.environment)})`);
  }
  const runs = (await deps.store.runsOfRequest(requestId)).filter(
    (r) => (!service || r.id === runIdOf(requestId, service)) && r.externalId && !FINISHED.has(progressOfRun(r).state),
  );
  if (runs.length === 0) throw new UsageError(`nothing to cancel: request ${requestId} is ${request.status} and no build of it is running`);
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

function splitId(id: string): [string, string | undefined] {
  const dash = id.indexOf('-');
  return dash === -1 ? [id, undefined] : [id.slice(0, dash), id.slice(dash + 1)];
}
