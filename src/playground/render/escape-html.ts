const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const SLACK_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** The three entities Slack requires in mrkdwn (&lt; &gt; &amp;) back to their characters, in one pass (so &amp;lt; stays "&lt;"). */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(?:lt|gt|amp);/g, (entity) => SLACK_ENTITIES[entity]!);
}

/** Slack-escaped text (entities as Slack sends them) as HTML text. */
export const slackTextToHtml = (text: string): string => escapeHtml(decodeSlackEntities(text));
