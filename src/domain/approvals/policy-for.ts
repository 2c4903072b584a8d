import type { PolicyConfig } from '../../config/schema.js';
import type { ActionKind } from '../../ports/store.port.js';

/** Who may ask for an action and who may approve it (SPEC §4); principals are Slack user ids or "@handle" of a user group. */
export interface PolicyRule {
  /** Anyone when undefined. */
  requesters?: readonly string[];
  /** Anyone (but the requester, unless selfApproval) when undefined. */
  approvers?: readonly string[];
  /** Distinct approvals needed. */
  approvals: number;
  /** Whether the requester's own approval counts. */
  selfApproval: boolean;
}

export const DEFAULT_POLICY_RULE: PolicyRule = { approvals: 1, selfApproval: false };

/** The rule of the environment itself, else the action's "*" rule, else the default. */
export function policyFor(policy: PolicyConfig, action: ActionKind, environment: string): PolicyRule {
  const rules = policy[action];
  const rule = rules[environment] ?? rules['*'];
  return rule ? { ...rule } : { ...DEFAULT_POLICY_RULE };
}
