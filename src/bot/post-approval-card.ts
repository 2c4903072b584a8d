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
    await deps.store.updateRequest({ ...request, messageTs: posted.ts, version: request.version + 1 });
    return;
  }
  await decideOnRequest(request.id, { kind: 'cancel', userId: request.requestedBy, reason: 'shipmate is not in the channel' }, deps);
}
