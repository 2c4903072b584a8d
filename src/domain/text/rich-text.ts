/**
 * Text for people to read in chat, as the code wrote it: markup only from
 * template literals in the source, every interpolated value plain text
 * whatever it holds (a lock reason, a container's termination message, an
 * error line). A renderer per surface turns it into its own format — the
 * Slack one escapes and redacts every plain part — so free text can never
 * become a mention, a link or formatting. Nothing here knows Slack.
 */
export type RichPart =
  /** Written by shipmate's own source: `:x: *Rollout failed*`. */
  | { kind: 'markup'; text: string }
  /** Anything else: shown exactly as text. */
  | { kind: 'plain'; text: string }
  /** Plain text shown as inline code (names, images, commands). */
  | { kind: 'code'; text: string }
  /** A person shipmate itself names, by a validated user id. */
  | { kind: 'mention'; userId: string };

export class RichText {
  constructor(readonly parts: readonly RichPart[]) {}

  /** What a terminal or a log shows: every part as its text, mentions as @U0BOB. */
  toString(): string {
    return plainTextOf(this);
  }
}

export type RichValue = RichText | string | number;

/** A Slack user id (W… for Enterprise Grid users). */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * `rich\`:x: The rollout of ${service} failed — ${why}\``: the literal parts
 * are markup, each value plain text (a nested RichText keeps its parts).
 */
export function rich(strings: TemplateStringsArray, ...values: readonly RichValue[]): RichText {
  const parts: RichPart[] = [];
  strings.forEach((literal, index) => {
    if (literal) parts.push({ kind: 'markup', text: literal });
    if (index < values.length) parts.push(...partsOf(values[index]!));
  });
  return new RichText(parts);
}

export const plain = (value: string | number): RichText => new RichText([{ kind: 'plain', text: String(value) }]);

export const code = (value: string | number): RichText => new RichText([{ kind: 'code', text: String(value) }]);

/** A mention of a Slack user; anything that is not a user id is shown as plain text. */
export const mention = (userId: string): RichText =>
  new RichText([USER_ID.test(userId) ? { kind: 'mention', userId } : { kind: 'plain', text: userId }]);

/**
 * A whole string trusted as markup. Only for text built by shipmate's own
 * code from trusted pieces; never for anything holding user or cluster text.
 */
export const trustedMarkup = (text: string): RichText => new RichText([{ kind: 'markup', text }]);

export function joinRich(items: readonly RichValue[], separator: string): RichText {
  return new RichText(items.flatMap((item, index) => [...(index > 0 ? [{ kind: 'markup' as const, text: separator }] : []), ...partsOf(item)]));
}

export const isRichText = (value: unknown): value is RichText => value instanceof RichText;

export function plainTextOf(text: RichValue): string {
  return partsOf(text)
    .map((part) => (part.kind === 'mention' ? `@${part.userId}` : part.text))
    .join('');
}

function partsOf(value: RichValue): readonly RichPart[] {
  if (value instanceof RichText) return value.parts;
  return [{ kind: 'plain', text: String(value) }];
}
