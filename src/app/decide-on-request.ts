import { applyDecision, type AppliedDecision } from '../domain/approvals/apply-decision.js';
import type { DecisionContext, DecisionEvent } from '../domain/approvals/decide.js';
import { isMember } from '../domain/approvals/principals.js';
import { policyFor } from '../domain/approvals/policy-for.js';
import type { BuildDeps } from '../domain/builds/build-deps.js';
import type { BuildPayload } from '../domain/builds/build-payload.js';
import { newRun } from '../domain/builds/start-builds.js';
import type { DecisionOutcome } from '../domain/approvals/decide.js';
import type { ApprovalRequest, AuditEntry, Run } from '../ports/store.port.js';
import { newDeployRun } from './deploys/run-deploy.js';
import { newReleaseRun } from './releases/release-progress.js';
import type { BuildRequestPayload } from './builds/build-request-payload.js';
import type { RequestBuildDeps } from './builds/request-build.js';
import { mayCancel } from './cancel-policy.js';
import { gatesFor } from './request-gates.js';

export interface BuildFlowDeps extends RequestBuildDeps {
  builds: BuildDeps;
  /** Posts the status message, starts the builds and has the tracker follow them. */
  beginBuilds(request: ApprovalRequest, payload: BuildPayload): Promise<void>;
  /** Tells the tracker to look now rather than at its next poll. */
  pokeTracker(): void;
  /** Hands an approved deploy to whoever follows rollouts (a rollout takes minutes; the click was acked long ago): resolves once it is durable, not when it is done. */
  beginDeploy(request: ApprovalRequest): Promise<void>;
  /** Hands an approved release to whoever runs releases; resolves once it is durable. */
  beginRelease?(request: ApprovalRequest): Promise<void>;
  /** The request's card should show its new state (through the outbox, in order with what follows). */
  cardChanged?(request: ApprovalRequest): Promise<void>;
  /** A Promote / Abort was decided: whoever follows that canary carries it out (at once when it is this process). */
  promoteDecided?(request: ApprovalRequest): void;
}

export type RequestDecision = { kind: 'approve' | 'reject' | 'cancel'; userId: string; reason?: string } | { kind: 'expire' };

/**
 * One click (or the expiry sweep) on a build or deploy request: decided once in the
 * store, audited, and when it is the deciding approval, the builds start —
 * on exactly one replica, the one whose conditional update won.
 */
export async function decideOnRequest(requestId: string, decision: RequestDecision, deps: BuildFlowDeps): Promise<AppliedDecision> {
  const at = deps.clock.now();
  const event: DecisionEvent = decision.kind === 'expire' ? { kind: 'expire', at } : { ...decision, at };
  const actor = decision.kind === 'expire' ? 'shipmate' : decision.userId;
  // The decision, its audit entry and the runs it starts are one write: an approved request always has its runs.
  const commit = (next: ApprovalRequest, outcome: DecisionOutcome) =>
    deps.store.decide(next, outcome === 'approved' ? runsToStart(next, at) : [], [
      { at, actor, action: `${next.action}.${outcome}`, environment: next.environment, subject: next.id, detail: describe(next, outcome) } satisfies AuditEntry,
    ]);
  const result = await applyDecision(deps.store, requestId, event, (request) => decisionContext(request, decision, deps), commit);
  if (!result.ok || !result.request) return result;
  const request = result.request;
  await deps.cardChanged?.(request).catch((error: unknown) => deps.builds.log(`could not queue the card update of ${request.id}`, error));
  if (result.outcome === 'approved' && request.action === 'build') await deps.beginBuilds(request, request.payload as unknown as BuildRequestPayload);
  if (result.outcome === 'approved' && request.action === 'deploy') await deps.beginDeploy(request);
  if (result.outcome === 'approved' && request.action === 'release') await deps.beginRelease?.(request);
  if (request.action === 'promote' && request.status !== 'pending') deps.promoteDecided?.(request);
  return result;
}

/** What an approval starts, as runs in phase `starting`: the leader starts (or resumes) exactly these. */
function runsToStart(request: ApprovalRequest, at: Date): Run[] {
  if (request.action === 'deploy') return [newDeployRun(request, at)];
  if (request.action === 'release') return [newReleaseRun(request, at)];
  // A Promote / Abort is carried out by the deploy's own follow (canary-gate.ts), which has the run.
  if (request.action === 'promote') return [];
  const payload = request.payload as unknown as BuildPayload;
  return payload.services.map((planned) => newRun(request, planned, { channelId: request.channelId }, at));
}

/**
 * The rule of the request and what the deciding user may do: approve and
 * reject follow its approvers, cancel the cancel policy (SPEC §4). An approval re-checks the gates (policy, freeze, lock) now.
 */
async function decisionContext(request: ApprovalRequest, decision: RequestDecision, deps: BuildFlowDeps): Promise<DecisionContext> {
  const rule = policyFor(deps.config.policy, request.action, request.environment);
  if (decision.kind === 'expire') return { rule, userMayApprove: false };
  if (decision.kind === 'cancel') return { rule, userMayApprove: await mayCancel(request, decision.userId, deps) };
  const userMayApprove = await isMember(rule.approvers, decision.userId, deps.directory);
  if (decision.kind !== 'approve' || !userMayApprove) return { rule, userMayApprove };
  const gates = await gatesFor(request, 'approval', deps);
  return { rule, userMayApprove, requiredApprovals: gates.requiredApprovals, ...(gates.refusal ? { gateRefusal: gates.refusal } : {}) };
}

function describe(request: ApprovalRequest, outcome: string): string {
  const title = (request.payload as unknown as BuildRequestPayload).card?.title ?? request.id;
  const approvals = request.approvals.map((a) => a.userId).join(', ');
  return `${title}: ${outcome}${approvals ? ` (approvals: ${approvals})` : ''}${request.reason ? ` — ${request.reason}` : ''}`;
}
