import { replaceEmoji } from './emoji.js';
import type { Painter } from './ansi-style.js';

/**
 * Slack's rule: a mark opens after a non-word character and closes before
 * one, around text that does not start or end with a space. Zero-width
 * spaces count as word characters (escapeMrkdwn relies on it).
 */
const markPattern = (mark: '\\*' | '_' | '~') =>
  new RegExp(`(^|[^\\p{L}\\p{N}\\u200b])${mark}(?=[^\\s${mark}])([^${mark}\\n]*?[^\\s${mark}])${mark}(?=$|[^\\p{L}\\p{N}\\u200b])`, 'gu');
const BOLD = markPattern('\\*');
const ITALIC = markPattern('_');
const STRIKE = markPattern('~');

/**
 * Slack mrkdwn as a terminal shows it: *bold*, _italic_, ~strike~, `code`,
 * ```blocks```, <url|label> links, <@U…>/<#C…|name>/<!here> mentions,
 * :emoji: shortcodes, and &amp; &lt; &gt; decoded. Without color the marks
 * are dropped, except code, which keeps its backticks.
 */
export function mrkdwnToTerminal(text: string, paint: Painter): string {
  return text
    .split(/```([\s\S]*?)```/)
    .map((part, index) => (index % 2 === 1 ? codeBlock(part, paint) : inline(part, paint)))
    .join('');
}

function codeBlock(code: string, paint: Painter): string {
  const body = decodeEntities(code.replace(/^\n|\n$/g, ''));
  return paint.color ? paint('cyan', body) : body;
}

function inline(text: string, paint: Painter): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, index) => {
      if (index % 2 === 1) {
        const code = decodeEntities(part.slice(1, -1));
        return paint.color ? paint('cyan', code) : `\`${code}\``;
      }
      return formatted(part, paint);
    })
    .join('');
}

function formatted(text: string, paint: Painter): string {
  const styled = replaceEmoji(text)
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_, target: string, label: string | undefined) => link(target, label, paint))
    .replace(BOLD, (_, before: string, inner: string) => `${before}${paint('bold', inner)}`)
    .replace(ITALIC, (_, before: string, inner: string) => `${before}${paint('italic', inner)}`)
    .replace(STRIKE, (_, before: string, inner: string) => `${before}${paint('strike', inner)}`);
  return decodeEntities(styled).replace(/\u200b/g, '');
}

function link(target: string, label: string | undefined, paint: Painter): string {
  if (target.startsWith('@')) return paint('bold', `@${label ?? target.slice(1)}`);
  if (target.startsWith('#')) return paint('bold', `#${label ?? target.slice(1)}`);
  if (target.startsWith('!')) return paint('bold', label ?? `@${target.slice(1).split('^')[0]}`);
  const url = target.replace(/^mailto:/, '');
  if (!label || label === target) return paint('underline', url);
  return `${paint('underline', label)}${paint('grey', ` (${url})`)}`;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
