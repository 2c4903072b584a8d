import type { ApprovalRequest, StorePort } from '../../ports/store.port.js';
import { rich } from '../text/rich-text.js';
import { decide, type DecisionContext, type DecisionEvent, type DecisionOutcome, type Transition } from './decide.js';

/** Stores a decided request (conditionally on its version) together with whatever the decision starts; false on a version conflict. */
export type CommitDecision = (next: ApprovalRequest, outcome: DecisionOutcome) => Promise<boolean>;

export type AppliedDecision = Transition & { request?: ApprovalRequest };

/**
 * Reads the request, decides, and stores the result conditionally on the
 * version it read. When someone else's update got there first, it reads the
 * request again and decides afresh: two approvers clicking at once both
 * count, and of many clicks on a one-approval request exactly one approves
 * (the others are told who already did). `request` is the stored request
 * after the decision (or as it stands, when refused).
 *
 * The context is resolved once: the parts of a request it depends on (action,
 * environment, requester) never change.
 */
export async function applyDecision(
  store: StorePort,
  requestId: string,
  event: DecisionEvent,
  resolveContext: (request: ApprovalRequest) => Promise<DecisionContext>,
  commit: CommitDecision = (next) => store.updateRequest(next),
  maxAttempts = 25,
): Promise<AppliedDecision> {
  let context: DecisionContext | undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const request = await store.getRequest(requestId);
    // The id is whatever the button carried: plain text, never a mention or a link.
    if (!request) return { ok: false, reason: rich`no request ${requestId}` };
    context ??= await resolveContext(request);
    const transition = decide(request, event, context);
    if (!transition.ok) return { ...transition, request };
    if (await commit(transition.next, transition.outcome)) return { ...transition, request: transition.next };
  }
  return { ok: false, reason: 'too many people decided on this request at once; please click again' };
}
