import { blockJsonPointer } from './block-kit-checks.js';
import { SlackApiError } from './slack-api-error.js';
import { findBlockProblem } from './validate-blocks.js';

/** Slack truncates nothing: longer text is refused. */
export const MAX_MESSAGE_TEXT = 40_000;

/**
 * What chat.postMessage, chat.update, chat.postEphemeral and response_url all
 * refuse: no content, text over 40,000 characters, blocks past Block Kit's limits.
 */
export function checkMessageContent(text: string | undefined, blocks: unknown[] | undefined): void {
  if (!text && (blocks === undefined || blocks.length === 0)) throw new SlackApiError('no_text');
  if (text !== undefined && [...text].length > MAX_MESSAGE_TEXT) throw new SlackApiError('msg_too_long');
  if (blocks === undefined) return;
  const problem = findBlockProblem(blocks);
  if (problem) {
    const message = `[ERROR] ${problem.reason} [json-pointer:${blockJsonPointer(problem.path)}]`;
    throw new SlackApiError('invalid_blocks', { response_metadata: { messages: [message] } });
  }
}
