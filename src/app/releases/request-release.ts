import type { ReleaseArgs } from '../../../commands/release.js';
import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor, type PolicyRule } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import { isMember } from '../../domain/approvals/principals.js';
import { RELEASE_AUDIT } from '../../domain/releases/release-audit.js';
import type { ApprovalRequest } from '../../ports/store.port.js';
import { Refusal } from '../../usage-error.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import { planRelease, releaseInput } from './plan-release.js';
import { releaseCard } from './release-card.js';
import type { ReleaseRequestPayload } from './release-deps.js';

export interface ReleaseAsk {
  environment: string;
  args: ReleaseArgs;
  rule: PolicyRule;
}

/** Checks a /release without any AWS or Kubernetes call: the environment, its release, --from, and the release policy. */
export async function validateRelease(args: ReleaseArgs, userId: string, deps: RequestBuildDeps): Promise<ReleaseAsk> {
  const { environment } = releaseInput(deps.config, { ...(args.env ? { environment: args.env } : {}), ...(args.from ? { from: args.from } : {}) });
  const rule = policyFor(deps.config.policy, 'release', environment);
  if (!(await isMember(rule.requesters, userId, deps.directory))) {
    throw new Refusal(`you may not request releases to ${environment}: ${policyLine(rule, 'release', environment)}`);
  }
  return { environment, args, rule };
}

/**
 * The plan (read-only calls), refused with every blocker when it has any;
 * otherwise stored as a pending request under the release policy, with one
 * more approval inside a freeze window asked with --override.
 */
export async function createReleaseRequest(ask: ReleaseAsk, userId: string, channelId: string, deps: RequestBuildDeps): Promise<ApprovalRequest> {
  const { environment, args } = ask;
  const plan = await planRelease(
    deps.config,
    { environment, version: args.version, ...(args.from ? { from: args.from } : {}), override: args.override },
    deps.portsFor(environment),
    deps,
  );
  if (plan.blockers.length > 0) {
    throw new Refusal(`release ${plan.version} cannot go to ${environment} now:\n${plan.blockers.map((b) => `• ${b}`).join('\n')}`);
  }
  const rule = plan.frozen ? { ...ask.rule, approvals: ask.rule.approvals + 1 } : ask.rule;
  const payload: ReleaseRequestPayload = {
    ...plan,
    card: releaseCard(plan, policyLine(rule, 'release', environment), deps.config.environments[environment]?.protected ?? false),
  };
  const request = newRequest({
    action: 'release',
    environment,
    requestedBy: userId,
    payload: payload as unknown as Record<string, unknown>,
    channelId,
    rule,
    now: deps.clock.now(),
    ttlMinutes: deps.config.policy.requestTtlMinutes,
  });
  await deps.store.createRequest(request);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: RELEASE_AUDIT.requested, environment, subject: request.id, detail: `${plan.version}: ${payload.card.title}` });
  return request;
}
