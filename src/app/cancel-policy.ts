import type { ShipmateConfig } from '../config/schema.js';
import { policyFor } from '../domain/approvals/policy-for.js';
import { isMember, principalsText } from '../domain/approvals/principals.js';
import { rich, type RichText } from '../domain/text/rich-text.js';
import type { DirectoryPort } from '../ports/directory.port.js';
import type { ApprovalRequest } from '../ports/store.port.js';

interface CancelPolicyDeps {
  config: ShipmateConfig;
  directory: DirectoryPort;
}

/**
 * Who may cancel a request, or stop what it started: whoever asked for it,
 * whoever the cancel policy of its environment allows (by default whoever may
 * request a deploy there), and the approvers its own action's rule names.
 */
export async function mayCancel(request: ApprovalRequest, userId: string, deps: CancelPolicyDeps): Promise<boolean> {
  if (userId === request.requestedBy) return true;
  if (await isMember(policyFor(deps.config.policy, 'cancel', request.environment).requesters, userId, deps.directory)) return true;
  const approvers = policyFor(deps.config.policy, request.action, request.environment).approvers;
  return approvers !== undefined && (await isMember(approvers, userId, deps.directory));
}

/** "only whoever asked for it or @engineers may cancel deploys in production". */
export function whoMayCancel(request: ApprovalRequest, config: ShipmateConfig): RichText {
  const others = new Set([
    ...(policyFor(config.policy, 'cancel', request.environment).requesters ?? []),
    ...(policyFor(config.policy, request.action, request.environment).approvers ?? []),
  ]);
  const what = `${request.action}s in ${request.environment}`;
  return others.size > 0 ? rich`only whoever asked for it or ${principalsText([...others])} may cancel ${what}` : rich`only whoever asked for it may cancel ${what}`;
}
