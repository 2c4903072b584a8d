import type { ShipmateConfig } from '../config/schema.js';
import { mention, rich, type RichText } from '../domain/text/rich-text.js';
import { policyFor } from '../domain/approvals/policy-for.js';
import { isMember } from '../domain/approvals/principals.js';
import type { Clock } from '../ports/clock.port.js';
import type { DirectoryPort } from '../ports/directory.port.js';
import type { ApprovalRequest, StorePort } from '../ports/store.port.js';
import type { DeployPayload } from './deploys/deploy-payload.js';
import { describeLock } from './deploys/describe-lock.js';
import { promotePayloadOf } from './deploys/promote-request.js';
import { freezeWindowAt } from './deploys/request-deploy.js';
import { releaseLockHolder } from './releases/release-context.js';
import { releasePayloadOf } from './releases/release-deps.js';

export interface GateDeps {
  config: ShipmateConfig;
  store: Pick<StorePort, 'getLock'>;
  clock: Clock;
  directory: DirectoryPort;
}

export interface GateVerdict {
  /** Set when the request may not be approved (or started) now: the one line the person is told. */
  refusal?: RichText;
  /** The approvals the request needs now: never fewer than it asked for. */
  requiredApprovals: number;
  /** How many more than the request asked for (a freeze window began after it was made with --override). */
  extraApprovals: number;
}

/** The lock holder a deploy's own run uses, so the gate does not refuse a request on its own lock. */
export const deployLockHolder = (requestId: string): string => `deploy ${requestId}`;

/**
 * The gates of a request, checked again when it is approved and when its
 * action starts (SPEC §4), against the configuration and the clock of now:
 * - policy: the requester may still ask, and the request needs at least the
 *   rule's approvals;
 * - freeze (deploys, releases and canary promotes): inside a window, a request without --override is
 *   refused; with it, it needs one approval more than the rule (a promote inherits its deploy's --override);
 * - lock (deploys and releases): a lock on a service it deploys held by
 *   anyone but this request's own run refuses.
 * At `start` the request's approvals must also reach what it needs now.
 * A rollback shipmate asked for is not held by a freeze (it restores what ran).
 */
export async function gatesFor(request: ApprovalRequest, when: 'approval' | 'start', deps: GateDeps): Promise<GateVerdict> {
  const now = deps.clock.now();
  const rule = policyFor(deps.config.policy, request.action, request.environment);
  const verdict = (requiredApprovals: number, refusal?: RichText): GateVerdict => ({
    ...(refusal ? { refusal } : {}),
    requiredApprovals,
    extraApprovals: requiredApprovals - request.requiredApprovals,
  });
  let needed = Math.max(request.requiredApprovals, rule.approvals);
  if (request.requestedBy !== 'shipmate' && !(await isMember(rule.requesters, request.requestedBy, deps.directory))) {
    return verdict(needed, rich`${mention(request.requestedBy)} may no longer request ${request.action}s in ${request.environment}; ask again`);
  }
  if (request.action === 'deploy' || request.action === 'release') {
    const { override, rollbackOf, services, ownHolder } = changeOf(request);
    const frozen = rollbackOf ? undefined : freezeWindowAt(deps.config, request.environment, now);
    if (frozen && !override) {
      return verdict(needed, rich`${request.environment} is frozen (${frozen}) since this was asked; ask again with --override (it then needs ${rule.approvals + 1} approvals)`);
    }
    if (frozen) needed = Math.max(needed, rule.approvals + 1);
    for (const service of services) {
      const lock = await deps.store.getLock(service, request.environment);
      if (lock && lock.holder !== ownHolder && !(lock.until && lock.until.getTime() <= now.getTime())) {
        return verdict(needed, describeLock(lock, now));
      }
    }
  }
  if (request.action === 'promote') {
    // A Promote changes what runs, like a deploy; an Abort (a rejection) is never gated.
    const frozen = freezeWindowAt(deps.config, request.environment, now);
    if (frozen && !promotePayloadOf(request).override) {
      return verdict(needed, rich`${request.environment} is frozen (${frozen}): the canary stays paused; Abort still works, or promote after the window`);
    }
    if (frozen) needed = Math.max(needed, rule.approvals + 1);
  }
  if (when === 'start' && request.approvals.length < needed) {
    return verdict(needed, rich`it has ${request.approvals.length} of the ${needed} approvals it needs now (a freeze window began, or the policy changed, after it was approved); ask again`);
  }
  return verdict(needed);
}

/** What a deploy or a release changes, for its gates: the services it deploys and the lock holder its own run uses. */
function changeOf(request: ApprovalRequest): { override: boolean; rollbackOf?: string; services: string[]; ownHolder: string } {
  if (request.action === 'release') {
    const plan = releasePayloadOf(request);
    return { override: plan.override, services: plan.services.filter((s) => s.deployed).map((s) => s.service), ownHolder: releaseLockHolder(request.id) };
  }
  const payload = request.payload as unknown as DeployPayload;
  return { override: payload.override, ...(payload.rollbackOf ? { rollbackOf: payload.rollbackOf } : {}), services: [payload.service], ownHolder: deployLockHolder(request.id) };
}
