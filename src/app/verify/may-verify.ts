import type { ShipmateConfig } from '../../config/schema.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { whoMayLine } from '../../domain/approvals/policy-line.js';
import { isMember } from '../../domain/approvals/principals.js';
import { rich } from '../../domain/text/rich-text.js';
import type { DirectoryPort } from '../../ports/directory.port.js';
import { Refusal } from '../../usage-error.js';

/** /verify is under the verify policy of the environment (by default: whoever may request a deploy there); it may log in with real credentials. */
export async function requireMayVerify(userId: string, environment: string, deps: { config: ShipmateConfig; directory: DirectoryPort }): Promise<void> {
  const rule = policyFor(deps.config.policy, 'verify', environment);
  if (await isMember(rule.requesters, userId, deps.directory)) return;
  throw new Refusal(rich`you may not run the smoke tests of ${environment}: ${whoMayLine(rule, 'run the smoke tests', environment)}`);
}
