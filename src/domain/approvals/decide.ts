import type { ApprovalRequest, RequestStatus } from '../../ports/store.port.js';
import type { RichValue } from '../text/rich-text.js';
import { formatClock } from './format-clock.js';
import type { PolicyRule } from './policy-for.js';
import { describePrincipals } from './principals.js';

export type DecisionEvent =
  | { kind: 'approve' | 'reject' | 'cancel'; userId: string; at: Date; reason?: string }
  | { kind: 'expire'; at: Date };

/** Resolved by the caller before deciding, so this stays pure: the rule of the request's action and environment, and whether the clicking user is one of its approvers. */
export interface DecisionContext {
  rule: PolicyRule;
  userMayApprove: boolean;
  /** An approval is refused with this line and nothing changes (a gate re-checked at approval: freeze, lock, policy). */
  gateRefusal?: RichValue;
  /** Approvals the request needs now, when a gate raised them (a freeze began after it was asked with --override). */
  requiredApprovals?: number;
}

export type DecisionOutcome = 'approved' | 'approval-recorded' | 'rejected' | 'cancelled' | 'expired';

export type Transition =
  | {
      ok: true;
      /** The request to store, its version one higher. */
      next: ApprovalRequest;
      outcome: DecisionOutcome;
      /** Set when the click that caused this transition was itself refused (it came after expiry): the line that person sees. */
      refusal?: string;
    }
  | { ok: false; reason: RichValue };

/**
 * The approval state machine (SPEC §4). Only pending requests change; a
 * request is expired by any event at or after `expiresAt`; everything refused
 * comes back with the one line the person who clicked sees.
 */
export function decide(request: ApprovalRequest, event: DecisionEvent, context: DecisionContext): Transition {
  if (request.status !== 'pending') return refuse(alreadyDecided(request, event.at));
  if (event.at.getTime() >= request.expiresAt.getTime()) return expire(request, event);
  switch (event.kind) {
    case 'expire':
      return refuse(`this request does not expire before ${formatClock(request.expiresAt, event.at)}`);
    case 'approve':
      return approve(request, event.userId, event.at, context);
    case 'reject':
      return reject(request, event.userId, event.at, event.reason, context);
    case 'cancel':
      return cancel(request, event.userId, event.at, event.reason, context);
  }
}

function approve(request: ApprovalRequest, userId: string, at: Date, context: DecisionContext): Transition {
  if (userId === request.requestedBy && !context.rule.selfApproval) return refuse('you asked for this; someone else has to approve it');
  if (!context.userMayApprove) return refuse(notAllowed(request, context.rule, 'approve'));
  if (context.gateRefusal) return refuse(context.gateRefusal);
  // A gate may raise the approvals needed since the request was made, never lower them.
  request = { ...request, requiredApprovals: Math.max(request.requiredApprovals, context.requiredApprovals ?? 0) };
  const missing = request.requiredApprovals - request.approvals.length;
  if (request.approvals.some((a) => a.userId === userId)) return refuse(`you already approved; it needs ${missing} more`);

  const approvals = [...request.approvals, { userId, at: new Date(at) }];
  if (approvals.length < request.requiredApprovals) {
    return { ok: true, outcome: 'approval-recorded', next: { ...request, approvals, version: request.version + 1 } };
  }
  return { ok: true, outcome: 'approved', next: { ...decided(request, 'approved', userId, at), approvals } };
}

/** The requester rejecting their own request withdraws it: that is a cancellation, not a verdict. */
function reject(request: ApprovalRequest, userId: string, at: Date, reason: string | undefined, context: DecisionContext): Transition {
  if (userId === request.requestedBy) return { ok: true, outcome: 'cancelled', next: decided(request, 'cancelled', userId, at, reason) };
  if (!context.userMayApprove) return refuse(notAllowed(request, context.rule, 'reject'));
  return { ok: true, outcome: 'rejected', next: decided(request, 'rejected', userId, at, reason) };
}

function cancel(request: ApprovalRequest, userId: string, at: Date, reason: string | undefined, context: DecisionContext): Transition {
  if (userId !== request.requestedBy && !context.userMayApprove) {
    const approvers = context.rule.approvers ? ` or ${describePrincipals(context.rule.approvers)}` : '';
    return refuse(`only <@${request.requestedBy}>, who asked for it,${approvers} may cancel this request`);
  }
  return { ok: true, outcome: 'cancelled', next: decided(request, 'cancelled', userId, at, reason) };
}

function expire(request: ApprovalRequest, event: DecisionEvent): Transition {
  const next = decided(request, 'expired', undefined, request.expiresAt);
  if (event.kind === 'expire') return { ok: true, outcome: 'expired', next };
  return { ok: true, outcome: 'expired', next, refusal: `this request expired at ${formatClock(request.expiresAt, event.at)}` };
}

function decided(request: ApprovalRequest, status: RequestStatus, userId: string | undefined, at: Date, reason?: string): ApprovalRequest {
  const { decidedBy: _by, decidedAt: _at, reason: _reason, ...rest } = request;
  const why = reason?.trim();
  return {
    ...rest,
    status,
    ...(userId ? { decidedBy: userId } : {}),
    decidedAt: new Date(at),
    ...(why ? { reason: why } : {}),
    version: request.version + 1,
  };
}

function alreadyDecided(request: ApprovalRequest, at: Date): string {
  const when = formatClock(request.decidedAt ?? request.expiresAt, at);
  switch (request.status) {
    case 'expired':
      return `this request expired at ${formatClock(request.expiresAt, at)}`;
    case 'approved': {
      const by = request.approvals.length > 0 ? request.approvals.map((a) => `<@${a.userId}>`) : [`<@${request.decidedBy}>`];
      return `already approved by ${by.join(' and ')} at ${when}`;
    }
    default:
      return `already ${request.status} by <@${request.decidedBy ?? 'unknown'}> at ${when}`;
  }
}

/** "only @release-managers or <@U0BOB> may approve builds in production" */
function notAllowed(request: ApprovalRequest, rule: PolicyRule, verb: 'approve' | 'reject'): string {
  const what = `${request.action}s in ${request.environment}`;
  return rule.approvers ? `only ${describePrincipals(rule.approvers)} may ${verb} ${what}` : `you may not ${verb} ${what}`;
}

const refuse = (reason: RichValue): Transition => ({ ok: false, reason });
