import { ownValue } from '../../config/lookup.js';
import type { PolicyAction, PolicyConfig } from '../../config/schema.js';

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

/** Actions that are done at once by whoever may: by default, by whoever may request a deploy there. */
const DEPLOYERS_BY_DEFAULT: ReadonlySet<PolicyAction> = new Set(['lock', 'cancel', 'verify']);
/** Actions that change what runs, like a deploy: by default, under the deploy rule. */
const LIKE_A_DEPLOY: ReadonlySet<PolicyAction> = new Set(['release', 'promote', 'rollback']);

/**
 * The rule of the environment itself, else the action's "*" rule, else the
 * default: for lock, cancel and verify the deploy rule's requesters; for
 * release, promote and rollback the deploy rule; otherwise anyone may ask and
 * anyone else may approve, once. Environment names are own keys only.
 */
export function policyFor(policy: PolicyConfig, action: PolicyAction, environment: string): PolicyRule {
  const rule = explicitRule(policy, action, environment);
  if (rule) return { ...rule };
  if (DEPLOYERS_BY_DEFAULT.has(action)) {
    const deployers = policyFor(policy, 'deploy', environment).requesters;
    return { ...DEFAULT_POLICY_RULE, ...(deployers ? { requesters: deployers } : {}) };
  }
  if (LIKE_A_DEPLOY.has(action)) return policyFor(policy, 'deploy', environment);
  return { ...DEFAULT_POLICY_RULE };
}

function explicitRule(policy: PolicyConfig, action: PolicyAction, environment: string): PolicyRule | undefined {
  const rules = policy[action] ?? {};
  return ownValue(rules, environment) ?? ownValue(rules, '*');
}
