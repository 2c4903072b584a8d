import type { ActionKind } from '../../ports/store.port.js';
import type { PolicyRule } from './policy-for.js';
import { describePrincipals, principalsText } from './principals.js';
import { rich, type RichText } from '../text/rich-text.js';

/**
 * The card's line on who may approve, e.g. "Builds in production need 2
 * distinct approvals from @release-managers or <@U0BOB>, not counting the requester."
 */
export function policyLine(rule: PolicyRule, action: ActionKind, environment: string): string {
  const count = rule.approvals === 1 ? '1 approval' : `${rule.approvals} distinct approvals`;
  const who = rule.approvers
    ? `${describePrincipals(rule.approvers)}, ${rule.selfApproval ? 'the requester included' : 'not counting the requester'}`
    : rule.selfApproval
      ? 'anyone, the requester included'
      : 'anyone but the requester';
  return `${capitalize(action)}s in ${environment} need ${count} from ${who}.`;
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** Who may do an action that needs no approval, e.g. "only @engineers or <@U0BOB> may lock and unlock deploys in production". */
export function whoMayLine(rule: PolicyRule, what: string, environment: string): RichText {
  return rule.requesters ? rich`only ${principalsText(rule.requesters)} may ${what} in ${environment}` : rich`anyone may ${what} in ${environment}`;
}
