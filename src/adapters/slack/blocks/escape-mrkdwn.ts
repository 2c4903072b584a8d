import { cleanText } from './clean-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ZERO_WIDTH_SPACE = '\u200b';
const WORD = /[\p{L}\p{N}]/u;

/** `&`, `<` and `>` as the entities Slack requires, after cleanText: enough inside a code span, where nothing else is markup. */
export function escapeEntities(text: string): string {
  return cleanText(text).replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/**
 * Makes text safe to put inside mrkdwn. Credentials are redacted and control
 * characters dropped (cleanText); `&`, `<` and `>` become entities, as Slack
 * requires (so `<!channel>` or `<https://x|y>` in a finding stays text).
 * Slack has no escape for `*`, `_` and `~`; a mark that is not between two
 * letters or digits could open or close formatting, so it is fenced with
 * zero-width spaces, which Slack does not treat as a word boundary. Marks
 * inside `code spans` are left alone: findings quote commands that way and
 * Slack does not format inside them. Text from outside shipmate goes through
 * toMrkdwn instead, where a backtick is a backtick and never opens code.
 */
export function escapeMrkdwn(text: string): string {
  return splitCodeSpans(escapeEntities(text))
    .map((part, index) => (index % 2 === 1 ? part : fenceFormattingMarks(part)))
    .join('');
}

/** Alternates outside / inside of paired backticks; the backticks stay with the inside part. */
function splitCodeSpans(text: string): string[] {
  return text.split(/(`[^`\n]+`)/);
}

function fenceFormattingMarks(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const betweenWordCharacters = WORD.test(text[i - 1] ?? ' ') && WORD.test(text[i + 1] ?? ' ');
    out += (c === '*' || c === '_' || c === '~') && !betweenWordCharacters ? `${ZERO_WIDTH_SPACE}${c}${ZERO_WIDTH_SPACE}` : c;
  }
  return out;
}
