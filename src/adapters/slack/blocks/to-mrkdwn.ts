import { code, mention, plain, RichText, type RichPart, type RichValue } from '../../../domain/text/rich-text.js';
import { BLOCK_KIT_LIMITS as LIMIT } from './block-kit-limits.js';
import { escapeEntities, escapeMrkdwn } from './escape-mrkdwn.js';
import { truncate } from './truncate.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

/** A backtick in plain text is shown as this look-alike, so it can never pair with another into a code span. */
const BACKTICK_LOOKALIKE = '\u02cb';
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * The one way text becomes Slack mrkdwn: markup parts as the source wrote
 * them, plain parts redacted, cleaned and escaped (no mention, link, code or
 * formatting can come out of them), code parts as inline code, mentions from
 * validated user ids. A string is plain text. The result is at most `max`
 * characters (a section's 3,000 by default), cut with an ellipsis.
 */
export function toMrkdwn(text: RichValue, max: number = LIMIT.sectionText): string {
  const rich = text instanceof RichText ? text : plain(text);
  return truncateMrkdwn(rich.parts.map((part) => partToMrkdwn(part, max)).join(''), max);
}

function partToMrkdwn(part: RichPart, max: number): string {
  switch (part.kind) {
    case 'markup':
      return part.text;
    case 'plain':
      // Cut before escaping, so a megabyte of text costs no more than a section's worth.
      return escapeMrkdwn(truncate(part.text, max).replace(/`/g, BACKTICK_LOOKALIKE));
    case 'code': {
      const inside = escapeEntities(truncate(part.text, max).replace(/`/g, "'").replace(/\n/g, ' ')).trim();
      return inside === '' ? '' : `\`${inside}\``;
    }
    case 'mention':
      return USER_ID.test(part.userId) ? `<@${part.userId}>` : escapeMrkdwn(part.userId);
  }
}

/** A user mention as Slack writes it, <@U0BOB>; nothing else counts. */
const WRITTEN_MENTION = /<@([UW][A-Z0-9]+)>/;
const CODE_SPAN = /`([^`\n]+)`/;

/**
 * Transitional, for messages still built as strings (`:x: Rolled back to
 * \`repo:1.1\``): its `code spans` stay code, everything else is plain text
 * (emoji shortcodes still show). Nothing in it can mention or link.
 */
export function sentenceToRich(sentence: string): RichText {
  return new RichText(codeSpansAndPlain(sentence));
}

/**
 * Transitional, for refusals and policy lines the domain still builds as
 * strings from ids and configuration ("only @release-managers or <@U0BOB> may
 * approve …"): as sentenceToRich, and its <@U…> mentions stay mentions. Text
 * holding anything a user typed must come as RichText instead.
 */
export function sentenceWithMentionsToRich(sentence: string): RichText {
  return new RichText(sentence.split(WRITTEN_MENTION).flatMap((piece, index) => (index % 2 === 1 ? mention(piece).parts : codeSpansAndPlain(piece))));
}

function codeSpansAndPlain(text: string): RichPart[] {
  return text.split(CODE_SPAN).flatMap((piece, index) => (index % 2 === 1 ? code(piece).parts : piece ? plain(piece).parts : []));
}

/** RichText as is; a string as a sentence (see sentenceToRich), with its mentions when `mentions` is set. */
export const richOrSentence = (text: RichValue, options: { mentions?: boolean } = {}): RichText => {
  if (text instanceof RichText) return text;
  return options.mentions ? sentenceWithMentionsToRich(String(text)) : sentenceToRich(String(text));
};
