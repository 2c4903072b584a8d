import type { RespondFn } from '@slack/bolt';
import type { SlackMessage } from '../adapters/slack/blocks/slack-message.js';

/** A message only the person who acted sees, through the response_url; the original message is left as it is. */
export async function respondEphemeral(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, ...(message.blocks.length ? { blocks: message.blocks } : {}) });
}
