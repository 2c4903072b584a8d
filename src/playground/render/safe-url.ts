/** The schemes a rendered link may point to; anything else (javascript:, data:, vbscript:, a relative path) is shown as text. */
const SAFE_URL = /^(?:https?:\/\/|mailto:)[^\s\u0000-\u001f\u007f]+$/i;

/** The URL when a link to it is safe to render, else undefined (also for anything not a string, even one whose text looks like a URL). */
export function safeHref(url: unknown): string | undefined {
  return typeof url === 'string' && SAFE_URL.test(url) ? url : undefined;
}
