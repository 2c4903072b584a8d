import { emojiFor, emojiHtml } from './emoji.js';
import { escapeHtml } from './escape-html.js';
import { isFields, stringOf, type Fields } from './fields.js';
import { broadcastMention, channelMention, linkHtml, userMention, usergroupMention } from './mention-html.js';
import type { RenderContext } from './render-context.js';
import type { UnknownParts } from './unknown-parts.js';
import { utcMinute } from './utc-minute.js';

const STYLE_TAGS: readonly [string, string, string][] = [
  ['code', '<code class="sk-code">', '</code>'],
  ['bold', '<b>', '</b>'],
  ['italic', '<i>', '</i>'],
  ['strike', '<s>', '</s>'],
  ['underline', '<u>', '</u>'],
];

/** The inline elements of a rich_text_section (text, link, user, channel, usergroup, emoji, broadcast, date) as HTML. */
export function renderRichTextInline(elements: readonly unknown[], ctx: RenderContext, unknown: UnknownParts, preformatted = false): string {
  return elements.map((element) => styled(isFields(element) ? element : {}, inlineHtml(element, ctx, unknown, preformatted))).join('');
}

function inlineHtml(element: unknown, ctx: RenderContext, unknown: UnknownParts, preformatted: boolean): string {
  const e = isFields(element) ? element : {};
  const id = (name: string): string => stringOf(e[name]) ?? '';
  switch (e.type) {
    case 'text': {
      const html = escapeHtml(id('text'));
      return preformatted ? html : html.replace(/\n/g, '<br>');
    }
    case 'link':
      return linkHtml(e.url, escapeHtml(stringOf(e.text) || id('url')));
    case 'user':
      return userMention(id('user_id'), ctx);
    case 'channel':
      return channelMention(id('channel_id'), ctx);
    case 'usergroup':
      return usergroupMention(id('usergroup_id'), ctx);
    case 'broadcast':
      return broadcastMention(id('range'));
    case 'emoji':
      return emojiElementHtml(e);
    case 'date':
      return linkHtml(e.url, escapeHtml(stringOf(e.fallback) ?? utcMinute(e.timestamp)));
    default:
      return unknown.placeholder('rich_text', e.type, true);
  }
}

function styled(element: Fields, html: string): string {
  const style = isFields(element.style) ? element.style : {};
  return STYLE_TAGS.reduce((inner, [name, open, close]) => (style[name] === true ? `${open}${inner}${close}` : inner), html);
}

/** An emoji element: its `unicode` code points when given (e.g. "1f44d-1f3fb"), else the shortcode table, else :name: as typed. */
function emojiElementHtml(element: Fields): string {
  const name = stringOf(element.name) ?? '';
  // Number('0x…') is NaN for anything but hex digits (a missing unicode reads "undefined"), so a bad code point falls back to the name.
  const points = String(element.unicode).split('-').map((hex) => Number(`0x${hex}`));
  const emoji = points.every((p) => p <= 0x10ffff) ? String.fromCodePoint(...points) : emojiFor(name);
  return emoji === undefined ? escapeHtml(`:${name}:`) : emojiHtml(name, emoji);
}
