import { escapeHtml } from './escape-html.js';
import { nameIn, type RenderContext } from './render-context.js';
import { safeHref } from './safe-url.js';

/** "@alice", "#releases", "@release-managers", "@here": a mention as Slack highlights it. */
export function mentionHtml(kind: 'user' | 'channel' | 'usergroup' | 'broadcast', shown: string): string {
  return `<span class="sk-mention sk-mention-${kind}">${escapeHtml(shown)}</span>`;
}

export const userMention = (id: string, ctx: RenderContext, label?: string): string =>
  mentionHtml('user', `@${nameIn(ctx.users, id) ?? label ?? id}`);

export const channelMention = (id: string, ctx: RenderContext, label?: string): string =>
  mentionHtml('channel', `#${nameIn(ctx.channels, id) ?? label ?? id}`);

export const usergroupMention = (id: string, ctx: RenderContext, label?: string): string =>
  mentionHtml('usergroup', `@${nameIn(ctx.usergroups, id) ?? label?.replace(/^@/, '') ?? id}`);

export const broadcastMention = (range: string): string => mentionHtml('broadcast', `@${range}`);

/** A link when its URL is http, https or mailto; otherwise just its (already HTML) label, inert. */
export function linkHtml(url: unknown, labelHtml: string): string {
  const href = safeHref(url);
  if (href === undefined) return labelHtml;
  return `<a class="sk-link" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
}
