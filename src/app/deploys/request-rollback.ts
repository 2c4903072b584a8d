import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import { parseImageRef } from '../../domain/image-ref.js';
import type { ApprovalRequest } from '../../ports/store.port.js';
import type { RequestBuildDeps } from '../builds/request-build.js';
import type { DeployPayload } from './deploy-payload.js';

/**
 * After a deploy whose /verify failed: a deploy request back to the image
 * that ran before, behind the same approval policy (one click to approve).
 * Undefined when there was no previous image, or its digest cannot be pinned.
 */
export async function requestRollback(failed: ApprovalRequest, deps: RequestBuildDeps): Promise<ApprovalRequest | undefined> {
  const payload = failed.payload as unknown as DeployPayload;
  if (!payload.previousImage) return undefined;
  const previous = parseImageRef(payload.previousImage);
  if (!previous.tag) return undefined;
  const digest = previous.digest ?? (await deps.portsFor(failed.environment).ecr.describeImage(payload.repository, previous.tag))?.digest;
  if (!digest) return undefined;
  const rule = policyFor(deps.config.policy, 'deploy', failed.environment);
  const rollback: DeployPayload = {
    ...payload,
    version: previous.tag,
    tag: previous.tag,
    digest,
    image: `${previous.repository}:${previous.tag}@${digest}`,
    previousImage: payload.image,
    override: false,
    rollbackOf: failed.id,
    card: {
      title: `Roll back ${payload.service} in ${failed.environment} to ${previous.tag}`,
      changes: [`${payload.service}: ${payload.version} → ${previous.tag} (smoke tests failed after the deploy of ${payload.version})`, `pinned to ${digest}`],
      preflight: [],
      policyLine: policyLine(rule, 'deploy', failed.environment),
      protected: deps.config.environments[failed.environment]?.protected ?? false,
    },
  };
  const request = newRequest({
    action: 'deploy',
    environment: failed.environment,
    requestedBy: 'shipmate',
    payload: rollback as unknown as Record<string, unknown>,
    channelId: failed.channelId,
    rule: { ...rule, selfApproval: true },
    now: deps.clock.now(),
    ttlMinutes: deps.config.policy.requestTtlMinutes,
  });
  await deps.store.createRequest(request);
  await deps.store.appendAudit({ at: deps.clock.now(), actor: 'shipmate', action: 'deploy.requested', environment: failed.environment, subject: request.id, detail: rollback.card.title });
  return request;
}
