import { renderNote } from '../adapters/slack/render/note.js';
import { renderVerifyTable } from '../adapters/slack/render/verify-table.js';
import type { DeployNotifier } from '../app/deploys/deploy-notifier.js';
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
      await outbox.reply(request, renderVerifyTable({ environment: request.environment, results: run.results, durationMs: run.durationMs }));
      if (!rollbackRequest) return;
      // The offer's own card, in this thread and in the channel; its later edits find it by its key.
      await outbox.reply(request, approvalCardMessage(rollbackRequest), { broadcast: true, key: cardKeyOf(rollbackRequest.id) });
    },
  };
}
