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
const SPACE = /\s/;
const SHORTCODE = /^:([a-z0-9_+'-]+):/;
const BARE_URL = /^https?:\/\/[^\s<>`]+/;

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
    const name = c === ':' ? SHORTCODE.exec(line.slice(i))?.[1] : undefined;
    const emoji = name === undefined ? undefined : emojiFor(name);
    const end = c === '`' || c === '<' ? line.indexOf(c === '`' ? '`' : '>', i + 1) : -1;
    const url = linkBareUrls && c === 'h' && !WORD.test(line[i - 1] ?? ' ') ? bareUrlAt(line, i) : undefined;
    if (c === '`' && end > i + 1) {
      atom(`<code class="sk-code">${slackTextToHtml(line.slice(i + 1, end))}</code>`);
      i = end + 1;
    } else if (c === '<' && end > i + 1) {
      atom(controlSequenceHtml(line.slice(i + 1, end), ctx));
      i = end + 1;
    } else if (url !== undefined) {
      const decoded = decodeSlackEntities(url);
      atom(linkHtml(decoded, escapeHtml(decoded)));
      i += url.length;
    } else if (name !== undefined && emoji !== undefined) {
      atom(emojiHtml(name, emoji));
      i += name.length + 2;
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

/** A bare http(s) URL starting at `i`, as Slack links it: up to a space or angle bracket, without trailing punctuation or formatting marks. */
function bareUrlAt(line: string, i: number): string | undefined {
  return BARE_URL.exec(line.slice(i))?.[0].replace(/[.,;:!?)'"*_~]+$/, '');
}

const isBoundary = (c: string | undefined): boolean => c === undefined || (!WORD.test(c) && c !== ZERO_WIDTH_SPACE);
const isInk = (c: string | undefined): boolean => c !== undefined && !SPACE.test(c) && c !== ZERO_WIDTH_SPACE;
const canOpen = (before: string | undefined, after: string | undefined): boolean => isBoundary(before) && isInk(after);
const canClose = (before: string | undefined, after: string | undefined): boolean => isInk(before) && isBoundary(after);

function renderTokens(tokens: readonly Token[], from: number, to: number): string {
  let html = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.kind === 'text') html += slackTextToHtml(token.text);
    else if (token.kind === 'html') html += token.html;
    else {
      const close = token.opens ? closingMark(tokens, token.mark, i + 2, to) : -1;
      if (close < 0) html += token.mark;
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
function closingMark(tokens: readonly Token[], mark: Mark, from: number, to: number): number {
  for (let j = from; j < to; j++) {
    const token = tokens[j]!;
    if (token.kind === 'mark' && token.mark === mark && token.closes) return j;
  }
  return -1;
}
