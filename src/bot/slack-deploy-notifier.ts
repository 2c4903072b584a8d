import type { WebClient } from '@slack/web-api';
import { renderNote } from '../adapters/slack/render/note.js';
import { renderVerifyTable } from '../adapters/slack/render/verify-table.js';
import type { DeployNotifier } from '../app/deploys/deploy-notifier.js';
import type { StorePort } from '../ports/store.port.js';
import { updateCard } from './actions/approval-actions.js';
import { approvalCardMessage } from './build-card.js';

/** A deploy in Slack: replies in the approval card's thread, the card's status line, failures broadcast to the channel. */
export function slackDeployNotifier(client: () => WebClient, store: StorePort): DeployNotifier {
  const reply = async (channel: string, threadTs: string | undefined, text: string, broadcast = false) => {
    const message = renderNote(text);
    if (!threadTs) {
      await client().chat.postMessage({ channel, text: message.text });
      return;
    }
    await client().chat.postMessage(
      broadcast ? { channel, text: message.text, thread_ts: threadTs, reply_broadcast: true } : { channel, text: message.text, thread_ts: threadTs },
    );
  };
  return {
    progress: (request, text) => reply(request.channelId, request.messageTs, text),
    failure: (request, text) => reply(request.channelId, request.messageTs, text, true),
    async status(request, line) {
      const current = (await store.getRequest(request.id)) ?? request;
      await updateCard(client(), current, line);
    },
    async verified(request, run, rollbackRequest) {
      const table = renderVerifyTable({ environment: request.environment, results: run.results, durationMs: run.durationMs });
      await client().chat.postMessage({ channel: request.channelId, text: table.text, blocks: table.blocks, ...(request.messageTs ? { thread_ts: request.messageTs } : {}) });
      if (!rollbackRequest) return;
      const card = approvalCardMessage(rollbackRequest);
      const base = { channel: request.channelId, text: card.text, blocks: card.blocks };
      const posted = await client().chat.postMessage(request.messageTs ? { ...base, thread_ts: request.messageTs, reply_broadcast: true } : base);
      await store.updateRequest({ ...rollbackRequest, messageTs: posted.ts!, version: rollbackRequest.version + 1 });
    },
  };
}
