import { isRichText, plain, type RichText } from './domain/text/rich-text.js';

/**
 * Bad input from a user (unknown environment, malformed version, unknown flag); shown as one line, exit code 2.
 * The message is plain text; a RichText message can name people (mention(userId)) and still keeps free text plain.
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
  /** The message for chat. */
  readonly text: RichText;
  /** Whether the answer repeats how the command is used (not for a refusal of well-formed input). */
  readonly showsUsage: boolean = true;

  constructor(message: string | RichText) {
    super(String(message));
    this.text = isRichText(message) ? message : plain(message);
  }
}

/**
 * Well-formed input refused by a rule (policy, lock, freeze window, preflight):
 * exit code 2 and an ephemeral answer like a UsageError, without the usage line.
 */
export class Refusal extends UsageError {
  override readonly name: string = 'Refusal';
  override readonly showsUsage: boolean = false;
}
