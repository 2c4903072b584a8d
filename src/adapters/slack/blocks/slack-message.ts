import type { Block } from './block-kit.js';

/** What chat.postMessage, chat.update and response_url take: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
