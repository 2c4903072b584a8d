import { applyDecision, type AppliedDecision } from '../domain/approvals/apply-decision.js';
import type { DecisionEvent } from '../domain/approvals/decide.js';
import { isMember } from '../domain/approvals/principals.js';
import { policyFor } from '../domain/approvals/policy-for.js';
import type { BuildDeps } from '../domain/builds/build-deps.js';
import type { BuildPayload } from '../domain/builds/build-payload.js';
import type { ApprovalRequest } from '../ports/store.port.js';
import type { BuildRequestPayload } from './builds/build-request-payload.js';
import type { RequestBuildDeps } from './builds/request-build.js';

export interface BuildFlowDeps extends RequestBuildDeps {
  builds: BuildDeps;
  /** Posts the status message, starts the builds and has the tracker follow them. */
  beginBuilds(request: ApprovalRequest, payload: BuildPayload): Promise<void>;
  /** Tells the tracker to look now rather than at its next poll. */
  pokeTracker(): void;
  /** Hands an approved deploy to whoever follows rollouts (a rollout takes minutes; the click was acked long ago): resolves once it is durable, not when it is done. */
  beginDeploy(request: ApprovalRequest): Promise<void>;
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
  const result = await applyDecision(deps.store, requestId, event, (request) => decisionContext(request, decision, deps));
  if (!result.ok || !result.request) return result;
  const request = result.request;
  await deps.store.appendAudit({
    at,
    actor: decision.kind === 'expire' ? 'shipmate' : decision.userId,
    action: `${request.action}.${result.outcome}`,
    environment: request.environment,
    subject: request.id,
    detail: describe(request, result.outcome),
  });
  if (result.outcome === 'approved' && request.action === 'build') await deps.beginBuilds(request, request.payload as unknown as BuildRequestPayload);
  if (result.outcome === 'approved' && request.action === 'deploy') await deps.beginDeploy(request);
  return result;
}

async function decisionContext(request: ApprovalRequest, decision: RequestDecision, deps: BuildFlowDeps) {
  const rule = policyFor(deps.config.policy, request.action, request.environment);
  const userMayApprove = decision.kind === 'expire' ? false : await isMember(rule.approvers, decision.userId, deps.directory);
  return { rule, userMayApprove };
}

function describe(request: ApprovalRequest, outcome: string): string {
  const title = (request.payload as unknown as BuildRequestPayload).card?.title ?? request.id;
  const approvals = request.approvals.map((a) => a.userId).join(', ');
  return `${title}: ${outcome}${approvals ? ` (approvals: ${approvals})` : ''}${request.reason ? ` — ${request.reason}` : ''}`;
}
