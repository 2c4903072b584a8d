import type { SlackMessage } from '../../adapters/slack/blocks/slack-message.js';
import type { RichValue } from '../../domain/text/rich-text.js';
import type { Clock } from '../../ports/clock.port.js';
import { PortError } from '../../ports/port-error.js';
import type { ApprovalRequest, NewOutboxEntry, StorePort } from '../../ports/store.port.js';
import { approvalCardMessage } from '../build-card.js';

/**
 * Messages about a request, appended to the durable outbox instead of sent:
 * whatever follows a request (card edits, its thread, a build's status
 * message) is one stream, so Slack shows it in the order it happened, and
 * nothing that acts waits for Slack.
 */
export interface ChatOutbox {
  /** A reply in the request card's thread (broadcast to the channel too when asked). */
  reply(request: ApprovalRequest, message: SlackMessage, options?: { broadcast?: boolean; key?: string }): Promise<void>;
  /** The request's card redrawn as the request stands, with an outcome or status line. */
  updateCard(request: ApprovalRequest, outcome?: RichValue): Promise<void>;
  /** A message of its own in the request's channel (posted once with `key`), or an edit of it. */
  upsert(request: Pick<ApprovalRequest, 'id' | 'channelId'>, key: string, message: SlackMessage, posted: boolean): Promise<void>;
}

export const streamOf = (requestId: string) => `request:${requestId}`;
/** The key under which a request's approval card is found (posted directly, or through the outbox for a rollback offer). */
export const cardKeyOf = (requestId: string) => `card:${requestId}`;
const isTs = (value: string) => /^\d+\.\d+$/.test(value);

export function chatOutbox(store: StorePort, clock: Clock, poke: () => void): ChatOutbox {
  const enqueue = async (entry: Omit<NewOutboxEntry, 'createdAt'>) => {
    await store.enqueueOutbox([{ ...entry, createdAt: clock.now() }]);
    poke();
  };
  const content = (message: SlackMessage) => ({ text: message.text, ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}) });
  return {
    reply: (request, message, options = {}) =>
      enqueue({
        stream: streamOf(request.id),
        method: 'post',
        channelId: request.channelId,
        ...(request.messageTs ? { threadTs: request.messageTs } : { threadKey: cardKeyOf(request.id) }),
        ...(options.broadcast ? { broadcast: true } : {}),
        ...(options.key ? { key: options.key } : {}),
        ...content(message),
      }),
    updateCard: (request, outcome) =>
      enqueue({
        stream: streamOf(request.id),
        method: 'update',
        channelId: request.channelId,
        ...(request.messageTs ? { ts: request.messageTs } : { tsKey: cardKeyOf(request.id) }),
        ...content(approvalCardMessage(request, outcome)),
      }),
    async upsert(request, key, message, posted) {
      const edit = () => enqueue({ stream: streamOf(request.id), method: 'update', channelId: request.channelId, ...(isTs(key) ? { ts: key } : { tsKey: key }), ...content(message) });
      if (posted) return edit();
      // Two replicas (the one that took the click, the leader) may both post first: the second one's post becomes an edit.
      await enqueue({ stream: streamOf(request.id), method: 'post', channelId: request.channelId, key, ...content(message) }).catch(async (error: unknown) => {
        if (!(error instanceof PortError && error.code === 'invalid')) throw error;
        await edit();
      });
    },
  };
}
