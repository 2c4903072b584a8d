import { emojiFor, emojiHtml } from './emoji.js';
import { escapeHtml } from './escape-html.js';

const SHORTCODE = /:([a-z0-9_+'-]+):/g;

/**
 * A plain_text object's text as HTML: nothing is markup (no entities, links or
 * formatting), newlines break lines, and :shortcodes: become emoji unless the
 * object says `emoji: false`.
 */
export function renderPlainText(text: string, emoji: boolean): string {
  let html = '';
  let from = 0;
  if (emoji) {
    for (const match of text.matchAll(SHORTCODE)) {
      const found = emojiFor(match[1]!);
      if (found === undefined) continue;
      html += escapeHtml(text.slice(from, match.index)) + emojiHtml(match[1]!, found);
      from = match.index + match[0].length;
    }
  }
  return (html + escapeHtml(text.slice(from))).replace(/\n/g, '<br>');
}
