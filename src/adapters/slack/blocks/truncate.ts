import { cleanText } from './clean-text.js';

const ELLIPSIS = '…';

/**
 * At most `max` characters; a cut text ends with an ellipsis and never with
 * half a surrogate pair. Text headed for Slack is cleaned (cleanText) before it
 * is cut, so a cut never splits a credential out of the shape redaction knows
 * (`https://user:pa…` would no longer look like a URL password).
 */
export function truncate(text: string, max: number): string {
  const clean = cleanText(text);
  if (clean.length <= max) return clean;
  if (max <= 0) return '';
  let cut = clean.slice(0, max - ELLIPSIS.length);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}
