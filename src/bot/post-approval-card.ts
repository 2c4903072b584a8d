import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';
import { decideOnRequest } from '../app/decide-on-request.js';
import type { ApprovalRequest } from '../ports/store.port.js';
import type { BotDeps } from './bot-deps.js';
import { approvalCardMessage } from './build-card.js';

/**
 * Posts a new request's approval card and remembers where it is. When only
 * the requester could see it (the bot is not in the channel), nobody could
 * approve it: the request is withdrawn.
 */
export async function postApprovalCard(
  request: ApprovalRequest,
  post: (message: SlackMessage) => Promise<{ ts: string } | undefined>,
  deps: BotDeps,
): Promise<void> {
  const posted = await post(approvalCardMessage(request));
  if (posted) {
    await rememberCard(request, posted.ts, deps);
    return;
  }
  await decideOnRequest(request.id, { kind: 'cancel', userId: request.requestedBy, reason: 'shipmate is not in the channel' }, deps);
}

/** Stores where the card is. A click may land between the post and this update: then it goes onto the request as that click left it. */
async function rememberCard(request: ApprovalRequest, messageTs: string, deps: BotDeps): Promise<void> {
  let current: ApprovalRequest | undefined = request;
  for (let attempt = 0; current && attempt < 5; attempt++) {
    if (current.messageTs === messageTs || (await deps.store.updateRequest({ ...current, messageTs, version: current.version + 1 }))) return;
    current = await deps.store.getRequest(request.id);
  }
  deps.logger.warn(`could not store where the approval card of request ${request.id} is; its buttons still work, its outcome line will not be updated`);
}
