import { isRichText, plain, type RichText } from './domain/text/rich-text.js';

/**
 * Bad input from a user (unknown environment, malformed version, unknown flag); shown as one line, exit code 2.
 * The message is plain text; a RichText message can name people (mention(userId)) and still keeps free text plain.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The message for chat. */
  readonly text: RichText;

  constructor(message: string | RichText) {
    super(String(message));
    this.text = isRichText(message) ? message : plain(message);
  }
}
