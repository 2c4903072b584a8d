import type { ShipmateConfig } from '../../config/schema.js';
import { ownValue } from '../../config/lookup.js';
import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import type { CanaryProgress } from '../../domain/deploys/watch-rollout.js';
import type { ApprovalRequest } from '../../ports/store.port.js';
import type { BuildCardContent } from '../builds/build-request-payload.js';
import type { DeployPayload } from './deploy-payload.js';

/** What a Promote / Abort card stands for: one pause of one deploy's canary. */
export interface PromotePayload {
  /** The deploy whose canary paused; its thread holds the card. */
  deployRequestId: string;
  service: string;
  version: string;
  /** status.currentStepIndex of the pause (0-based). */
  stepIndex: number;
  stepCount: number;
  card: BuildCardContent;
}

/**
 * A paused canary waits for a person, not for the request timeout of a
 * build: its Promote / Abort stay for a day (a Rollout paused longer than
 * that is promoted or aborted with kubectl, or by a new /deploy).
 */
export const PROMOTE_TTL_MINUTES = 24 * 60;

/** One request per pause of a deploy, found again after a restart: "b7k2q9-s2" is the pause at step 2. */
export const promoteRequestId = (deployRequestId: string, stepIndex: number): string => `${deployRequestId}-s${stepIndex + 1}`;

export const promotePayloadOf = (request: ApprovalRequest): PromotePayload => request.payload as unknown as PromotePayload;

/**
 * The Promote / Abort request of a deploy's canary paused at a step: asked
 * on behalf of the deploy's requester (who therefore cannot promote alone
 * where the policy needs someone else) under the `promote` policy (SPEC §4:
 * the deploy rule unless one is configured).
 */
export function newPromoteRequest(deploy: ApprovalRequest, canary: CanaryProgress & { stepIndex: number }, config: Pick<ShipmateConfig, 'policy' | 'environments'>, now: Date): ApprovalRequest {
  const payload = deploy.payload as unknown as DeployPayload;
  const rule = policyFor(config.policy, 'promote', deploy.environment);
  const step = `${canary.stepIndex + 1}/${canary.stepCount}`;
  const promote: PromotePayload = {
    deployRequestId: deploy.id,
    service: payload.service,
    version: payload.version,
    stepIndex: canary.stepIndex,
    stepCount: canary.stepCount,
    card: {
      title: `The canary of ${payload.service} ${payload.version} in ${deploy.environment}, paused at step ${step}`,
      changes: [
        `Now: ${canary.line}`,
        ...(canary.analysis ? [`Analysis: ${canary.analysis}`] : []),
        'Promote: the canary goes on to its next step.',
        `Abort: back to ${payload.previousImage ?? 'the stable version'}, and ${payload.service} is locked in ${deploy.environment}.`,
      ],
      preflight: [],
      policyLine: policyLine(rule, 'promote', deploy.environment),
      protected: ownValue(config.environments, deploy.environment)?.protected ?? false,
    },
  };
  return newRequest({
    id: promoteRequestId(deploy.id, canary.stepIndex),
    action: 'promote',
    environment: deploy.environment,
    requestedBy: deploy.requestedBy,
    payload: promote as unknown as Record<string, unknown>,
    channelId: deploy.channelId,
    rule,
    now,
    ttlMinutes: PROMOTE_TTL_MINUTES,
  });
}
