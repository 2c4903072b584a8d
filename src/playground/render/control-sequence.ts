import { decodeSlackEntities, escapeHtml } from './escape-html.js';
import { broadcastMention, channelMention, linkHtml, userMention, usergroupMention } from './mention-html.js';
import type { RenderContext } from './render-context.js';
import { utcMinute } from './utc-minute.js';

const BROADCASTS = new Set(['here', 'channel', 'everyone']);
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** What comes before the first |, and after it when there is one. */
const TARGET_AND_LABEL = /^([^|]*)(?:\|([\s\S]*))?$/;

/**
 * What Slack shows for one `<…>` control sequence of mrkdwn (the text between
 * the angle brackets is `inside`): <@U…> and <#C…> as names, <!here>,
 * <!subteam^S…>, <!date^…|fallback> as its fallback, <url|label> and <url> as
 * links. Anything else is not a control sequence and is shown as typed.
 */
export function controlSequenceHtml(inside: string, ctx: RenderContext): string {
  const match = TARGET_AND_LABEL.exec(inside)!; // matches any text
  const target = match[1]!;
  const label = match[2] === undefined ? undefined : decodeSlackEntities(match[2]);
  if (target.startsWith('@')) return userMention(target.slice(1), ctx, label);
  if (target.startsWith('#')) return channelMention(target.slice(1), ctx, label);
  if (target.startsWith('!')) return specialHtml(target.slice(1), ctx, label);
  if (URL_WITH_SCHEME.test(target)) {
    const url = decodeSlackEntities(target);
    // Slack shows a bare mailto: link as the address alone.
    return linkHtml(url, escapeHtml(label !== undefined && label !== '' ? label : url.replace(/^mailto:/i, '')));
  }
  return escapeHtml(`<${decodeSlackEntities(inside)}>`);
}

function specialHtml(command: string, ctx: RenderContext, label: string | undefined): string {
  if (BROADCASTS.has(command)) return broadcastMention(command);
  const [name, id] = command.split('^');
  if (name === 'subteam' && id) return usergroupMention(id, ctx, label);
  if (name === 'date') return escapeHtml(label ?? utcMinute(id));
  return escapeHtml(label ?? `<!${command}>`);
}
