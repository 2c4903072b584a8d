import type { ShipmateConfig } from '../../config/schema.js';
import { ownValue } from '../../config/lookup.js';
import { newRequest } from '../../domain/approvals/new-request.js';
import { policyFor } from '../../domain/approvals/policy-for.js';
import { policyLine } from '../../domain/approvals/policy-line.js';
import type { CanaryProgress } from '../../domain/deploys/watch-rollout.js';
import type { ApprovalRequest } from '../../ports/store.port.js';
import type { BuildCardContent } from '../builds/build-request-payload.js';

/** Whose canary paused: the service and version a deploy (or a release's deploy stage) rolls out, and what Abort returns to. */
export interface CanarySubject {
  service: string;
  version: string;
  previousImage?: string;
  /** The deploy (or release) was asked with --override inside a freeze window: its promotes may go on in one too. */
  override?: boolean;
}

/** What a Promote / Abort card stands for: one pause of one deploy's (or release's) canary. */
export interface PromotePayload {
  /** The deploy or release whose canary paused; its thread holds the card. */
  deployRequestId: string;
  service: string;
  version: string;
  /** status.currentStepIndex of the pause (0-based). */
  stepIndex: number;
  stepCount: number;
  /** Asked with --override (the deploy or release was): a freeze window holds its Promote only by an extra approval. */
  override: boolean;
  card: BuildCardContent;
}

/**
 * A paused canary waits for a person, not for the request timeout of a
 * build: its Promote / Abort stay for a day (a Rollout paused longer than
 * that is promoted or aborted with kubectl, or by a new /deploy).
 */
export const PROMOTE_TTL_HOURS = 24;

/**
 * One request per pause, found again after a restart: "b7k2q9-s2" is the
 * pause at step 2 of deploy b7k2q9; a release, which may roll out several
 * canaries at once, names the service: "r4t8m2-checkout-s2".
 */
export function promoteRequestId(owner: ApprovalRequest, service: string, stepIndex: number): string {
  return owner.action === 'deploy' ? `${owner.id}-s${stepIndex + 1}` : `${owner.id}-${service}-s${stepIndex + 1}`;
}

export function promotePayloadOf(request: ApprovalRequest): PromotePayload {
  return request.payload as unknown as PromotePayload;
}

/**
 * The Promote / Abort request of a canary paused at a step: asked on
 * behalf of the deploy's (or release's) requester (who therefore cannot promote alone
 * where the policy needs someone else) under the `promote` policy (SPEC §4:
 * the deploy rule unless one is configured).
 */
export function newPromoteRequest(
  deploy: ApprovalRequest,
  payload: CanarySubject,
  canary: CanaryProgress & { stepIndex: number },
  config: Pick<ShipmateConfig, 'policy' | 'environments'>,
  now: Date,
): ApprovalRequest {
  const rule = policyFor(config.policy, 'promote', deploy.environment);
  const step = `${canary.stepIndex + 1}/${canary.stepCount}`;
  const promote: PromotePayload = {
    deployRequestId: deploy.id,
    service: payload.service,
    version: payload.version,
    stepIndex: canary.stepIndex,
    stepCount: canary.stepCount,
    override: payload.override === true,
    card: {
      title: `The canary of ${payload.service} ${payload.version} in ${deploy.environment}, paused at step ${step}`,
      changes: [
        `Now: ${fromCluster(canary.line)}`,
        ...(canary.analysis ? [`Analysis: ${fromCluster(canary.analysis)}`] : []),
        'Promote: the canary goes on to its next step.',
        `Abort: back to ${payload.previousImage ?? 'the stable version'}, and ${payload.service} is locked in ${deploy.environment}.`,
      ],
      preflight: [],
      policyLine: policyLine(rule, 'promote', deploy.environment),
      protected: ownValue(config.environments, deploy.environment)?.protected ?? false,
    },
  };
  return newRequest({
    id: promoteRequestId(deploy, payload.service, canary.stepIndex),
    action: 'promote',
    environment: deploy.environment,
    requestedBy: deploy.requestedBy,
    payload: promote as unknown as Record<string, unknown>,
    channelId: deploy.channelId,
    rule,
    now,
    ttlMinutes: PROMOTE_TTL_HOURS * 60,
  });
}

/**
 * The card's lines are sentences shipmate writes, whose `<@U…>` mentions stay
 * live; what the cluster wrote (Argo's messages, an AnalysisRun's) must not
 * ping anyone: a word joiner after its "<" keeps such a mention as text.
 */
function fromCluster(text: string): string {
  return text.replaceAll('<@', '<\u2060@');
}
