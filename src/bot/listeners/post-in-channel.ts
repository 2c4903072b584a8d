import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../../adapters/slack/blocks/slack-message.js';
import { renderNotInChannelHint } from '../../adapters/slack/render/usage-reply.js';

const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** Slack refused a post because the bot is not in the channel (or cannot see it). */
export function isNotAMember(error: unknown): boolean {
  const code = (error as { data?: { error?: string } } | undefined)?.data?.error;
  return code !== undefined && NOT_A_MEMBER.has(code);
}

/**
 * Posts into the command's channel. When the bot is not a member, the person
 * who asked gets the hint to invite it and, so the work is not lost, the
 * message itself, both only visible to them. Returns where it was posted,
 * undefined when only the person saw it.
 */
export async function postInChannel(
  client: WebClient,
  channelId: string,
  channelName: string,
  message: SlackMessage,
  respond: (message: SlackMessage) => Promise<void>,
): Promise<{ ts: string } | undefined> {
  try {
    const posted = await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks });
    return { ts: posted.ts! };
  } catch (error) {
    if (!isNotAMember(error)) throw error;
    await respond(renderNotInChannelHint(channelName));
    await respond(message);
    return undefined;
  }
}
