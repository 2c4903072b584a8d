/**
 * The playground's Block Kit renderer: the very blocks (and mrkdwn) the
 * sandbox's Slack received, as HTML strings drawn the way Slack shows them.
 * Browser-safe: pure functions, no DOM, imports only its own folder.
 *
 * Supports the blocks header, section (text, fields, accessory button or
 * image), context (text and image elements), divider, actions (buttons; url
 * buttons as links), image and rich_text (sections, bullet/numbered lists,
 * preformatted, quotes; text with bold/italic/strike/code/underline, links,
 * user/channel/usergroup mentions, emoji, broadcasts, dates); mrkdwn with
 * *bold*, _italic_, ~strike~, `code`, ```pre```, > and >>> quotes, <url|label>
 * links and bare http(s) URLs (unless verbatim), <@U…>/<#C…>/<!subteam^S…> as
 * names from the RenderContext, <!here>/<!channel>/<!everyone>,
 * <!date^…|fallback>, Slack's entities and :shortcode: emoji (unknown ones
 * stay as typed). Images are drawn as their
 * alt text, never fetched. Anything else is listed in `unknown` and shown as
 * a visible "unsupported …" placeholder, never silently dropped.
 *
 * Safety: every text is HTML-escaped; links only to http, https and mailto
 * (any other URL stays text); no <script> and no on* attribute is ever
 * emitted; buttons carry their action in data-* attributes for the page's
 * own script (data-confirm holds the raw confirm object as JSON).
 */
import { renderBlock } from './render-block.js';
import type { RenderContext } from './render-context.js';
import { UnknownParts } from './unknown-parts.js';

export type { RenderContext } from './render-context.js';
export { renderMrkdwn } from './render-mrkdwn.js';

export interface Rendered {
  html: string;
  /** What could not be drawn, as 'block:video', 'element:datepicker', 'rich_text:color' (each once, in order met). */
  unknown: string[];
}

export function renderBlocks(blocks: readonly unknown[], ctx: RenderContext): Rendered {
  const unknown = new UnknownParts();
  const html = (Array.isArray(blocks) ? blocks : []).map((block) => renderBlock(block, ctx, unknown)).join('');
  return { html, unknown: unknown.found };
}
