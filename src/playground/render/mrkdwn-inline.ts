import { controlSequenceHtml } from './control-sequence.js';
import { emojiFor, emojiHtml } from './emoji.js';
import { decodeSlackEntities, escapeHtml, slackTextToHtml } from './escape-html.js';
import { linkHtml } from './mention-html.js';
import type { RenderContext } from './render-context.js';

type Mark = '*' | '_' | '~';
type Token = { kind: 'text'; text: string } | { kind: 'html'; html: string } | { kind: 'mark'; mark: Mark; opens: boolean; closes: boolean };

const TAGS: Record<Mark, string> = { '*': 'b', _: 'i', '~': 's' };
const ZERO_WIDTH_SPACE = '\u200b';
const WORD = /[\p{L}\p{N}]/u;
/** One character that is neither a space nor a zero-width space. */
const INK = /^[^\s\u200b]$/;
const SHORTCODE = /:([a-z0-9_+'-]+):/y;
/** A bare URL as Slack links it: up to a space or angle bracket, without trailing punctuation or formatting marks. */
const BARE_URL = /https?:\/\/[^\s<>`]+/y;
const URL_TRAILER = /[.,;:!?)'"*_~]+$/;

/**
 * One line of mrkdwn (no newline, no ``` block) as HTML: `code`, <…> control
 * sequences, bare http(s) URLs as links (unless verbatim), :emoji:, and
 * *bold*, _italic_, ~strike~, nested as Slack allows.
 * A mark opens only after a line start, a space or punctuation and before a
 * non-space, and closes only after a non-space and before a line end, a space
 * or punctuation (so snake_case and 2 * 3 stay text); a zero-width space next
 * to a mark is not a boundary (shipmate fences stray marks that way).
 */
export function renderMrkdwnLine(line: string, ctx: RenderContext, options: MrkdwnOptions = {}): string {
  const tokens = tokenize(line, ctx, options.verbatim !== true);
  return renderTokens(tokens, 0, tokens.length);
}

export interface MrkdwnOptions {
  /** A mrkdwn object's `verbatim: true`: bare URLs stay text (Slack links them otherwise). */
  verbatim?: boolean;
}

function tokenize(line: string, ctx: RenderContext, linkBareUrls: boolean): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  const atom = (html: string): void => {
    flush();
    tokens.push({ kind: 'html', html });
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    const found = atomAt(line, i, ctx, linkBareUrls);
    if (found) {
      atom(found.html);
      i += found.length;
    } else if (c === '*' || c === '_' || c === '~') {
      flush();
      tokens.push({ kind: 'mark', mark: c, opens: canOpen(line[i - 1], line[i + 1]), closes: canClose(line[i - 1], line[i + 1]) });
      i++;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return tokens;
}

/** What starts at `i` and is drawn whole: a non-empty `code span` or <…> sequence, a known :emoji:, a bare http(s) URL. */
function atomAt(line: string, i: number, ctx: RenderContext, linkBareUrls: boolean): { html: string; length: number } | undefined {
  const c = line[i];
  if (c === '`' || c === '<') {
    const end = line.indexOf(c === '`' ? '`' : '>', i + 1);
    if (end <= i + 1) return undefined;
    const inside = line.slice(i + 1, end);
    return { html: c === '`' ? `<code class="sk-code">${slackTextToHtml(inside)}</code>` : controlSequenceHtml(inside, ctx), length: end + 1 - i };
  }
  const shortcode = matchAt(SHORTCODE, line, i);
  const emoji = shortcode ? emojiFor(shortcode[1]!) : undefined;
  if (shortcode && emoji) return { html: emojiHtml(shortcode[1]!, emoji), length: shortcode[0].length };
  const url = linkBareUrls && isBoundary(line[i - 1]) ? matchAt(BARE_URL, line, i)?.[0].replace(URL_TRAILER, '') : undefined;
  if (url) {
    const decoded = decodeSlackEntities(url);
    return { html: linkHtml(decoded, escapeHtml(decoded)), length: url.length };
  }
  return undefined;
}

/** The sticky pattern's match exactly at `i`. */
function matchAt(pattern: RegExp, line: string, i: number): RegExpExecArray | undefined {
  pattern.lastIndex = i;
  return pattern.exec(line) ?? undefined;
}

const isBoundary = (c: string | undefined): boolean => c === undefined || (!WORD.test(c) && c !== ZERO_WIDTH_SPACE);
const isInk = (c: string | undefined): boolean => INK.test(String(c)); // "undefined" is no single character
const canOpen = (before: string | undefined, after: string | undefined): boolean => isBoundary(before) && isInk(after);
const canClose = (before: string | undefined, after: string | undefined): boolean => isInk(before) && isBoundary(after);

function renderTokens(tokens: readonly Token[], from: number, to: number): string {
  let html = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'text') html += slackTextToHtml(token.text);
    else if (token.kind === 'html') html += token.html;
    else {
      const close = token.opens ? closingMark(tokens, token.mark, i + 2, to) : undefined;
      if (close === undefined) html += token.mark;
      else {
        const tag = TAGS[token.mark];
        html += `<${tag}>${renderTokens(tokens, i + 1, close)}</${tag}>`;
        i = close;
      }
    }
  }
  return html;
}

/** The first mark of the same kind that can close, at or after `from` (so the formatted text is never empty). */
function closingMark(tokens: readonly Token[], mark: Mark, from: number, to: number): number | undefined {
  for (let j = from; j < to; j++) {
    const token = tokens[j]!;
    // Stryker disable next-line ConditionalExpression: only a mark token has a `mark`, so the kind test cannot change the answer
    if (token.kind === 'mark' && token.mark === mark && token.closes) return j;
  }
  return undefined;
}
