import type { ApprovalRequest } from '../../../src/ports/store.port.js';
import type { DecisionContext } from '../../../src/domain/approvals/decide.js';
import type { PolicyRule } from '../../../src/domain/approvals/policy-for.js';

export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';
export const CAROL = 'U0CAROL';
export const DAVE = 'U0DAVE';

export const REQUESTED_AT = new Date('2026-11-20T14:00:00.000Z');
export const EXPIRES_AT = new Date('2026-11-20T14:30:00.000Z');

/** `minutes` after the request was made. */
export const minutesIn = (minutes: number): Date => new Date(REQUESTED_AT.getTime() + minutes * 60_000);

/** A build to production asked for by Alice, pending, needing `requiredApprovals`. */
export function pendingRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'b7k2q9',
    action: 'build',
    environment: 'production',
    requestedBy: ALICE,
    requestedAt: REQUESTED_AT,
    expiresAt: EXPIRES_AT,
    status: 'pending',
    requiredApprovals: 1,
    approvals: [],
    payload: { version: '1.1.0', services: ['backend'] },
    channelId: 'C0RELEASES',
    version: 1,
    ...overrides,
  };
}

export const anyoneRule: PolicyRule = { approvals: 1, selfApproval: false };
export const managersRule: PolicyRule = { approvers: ['@release-managers', BOB], approvals: 1, selfApproval: false };

export const allowed = (rule: PolicyRule = anyoneRule): DecisionContext => ({ rule, userMayApprove: true });
export const notAllowed = (rule: PolicyRule = managersRule): DecisionContext => ({ rule, userMayApprove: false });
