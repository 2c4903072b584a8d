/**
 * `<url|label>` for an http(s) URL, undefined for anything else. The URL's
 * `|`, `<` and `>` are percent-encoded and `&` becomes `&amp;`, so no URL can
 * end the link early or smuggle in markup. `label` must already be escaped.
 */
export function slackLink(url: string | undefined, label: string): string | undefined {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  const safe = url.replace(/&/g, '&amp;').replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return `<${safe}|${label}>`;
}
