import { renderNote } from '../adapters/slack/render/note.js';
import { renderVerifyTable } from '../adapters/slack/render/verify-table.js';
import type { DeployNotifier } from '../app/deploys/deploy-notifier.js';
import type { CanaryGateDeps } from '../app/deploys/canary-gate.js';
import { PortError } from '../ports/port-error.js';
import type { StorePort } from '../ports/store.port.js';
import { approvalCardMessage } from './build-card.js';
import { cardKeyOf, type ChatOutbox } from './outbox/chat-outbox.js';

/**
 * A deploy in Slack: replies in the approval card's thread, the card's status
 * line, failures broadcast to the channel — all through the outbox, so the
 * rollout (and its rollback) never waits for Slack.
 */
export function slackDeployNotifier(outbox: ChatOutbox, store: StorePort): DeployNotifier {
  return {
    progress: (request, text) => outbox.reply(request, renderNote(text)),
    failure: (request, text) => outbox.reply(request, renderNote(text), { broadcast: true }),
    async status(request, line) {
      const current = (await store.getRequest(request.id)) ?? request;
      await outbox.updateCard(current, line);
    },
    async verified(request, run, rollbackRequest) {
      await outbox.reply(request, renderVerifyTable({ environment: request.environment, ...run }));
      if (!rollbackRequest) return;
      // The offer's own card, in this thread and in the channel; its later edits find it by its key.
      await outbox.reply(request, approvalCardMessage(rollbackRequest), { broadcast: true, key: cardKeyOf(rollbackRequest.id) });
    },
  };
}

/**
 * A canary's Promote / Abort cards, in the deploy's thread through the
 * outbox. The card is posted under its request's card key, which the outbox
 * holds once: a follow resumed after a restart asks again, and the second
 * post is refused as a duplicate key — the card is already on its way.
 */
export function slackCanaryNotifier(outbox: ChatOutbox, deploys: DeployNotifier): CanaryGateDeps['notifier'] {
  return {
    progress: deploys.progress,
    async promoteCard(deploy, promote) {
      await outbox.reply(deploy, approvalCardMessage(promote), { key: cardKeyOf(promote.id) }).catch((error: unknown) => {
        if (!(error instanceof PortError && error.code === 'invalid')) throw error;
      });
    },
    cardChanged: (request, outcome) => outbox.updateCard(request, outcome),
  };
}
