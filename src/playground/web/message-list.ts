/// <reference lib="dom" />
import { renderBlocks, renderMrkdwn, type RenderContext } from '../render/render-blocks.js';
import type { PlaygroundMessage } from './playground-state.js';

const AVATAR_COLOURS = ['#4a154b', '#1264a3', '#007a5a', '#e8912d', '#c1325c', '#2b7bb9', '#6b3fa0'];

/**
 * Keeps a list element in step with messages, keyed by ts: a message that
 * changed is redrawn inside its own <article> (an edit shows in place), new
 * ones are inserted in order, gone ones removed. Elements are reused, so
 * focus and scroll survive updates that do not touch them.
 */
export function syncMessages(list: HTMLElement, messages: readonly PlaygroundMessage[], ctx: RenderContext, options: { inThread: boolean }): void {
  const existing = new Map<string, HTMLLIElement>();
  for (const item of Array.from(list.children) as HTMLLIElement[]) existing.set(item.dataset.key ?? '', item);
  let previous: Element | null = null;
  for (const message of messages) {
    const key = `${message.ephemeral ? 'e' : 'm'}:${message.ts}`;
    let item = existing.get(key);
    existing.delete(key);
    const signature = JSON.stringify([message, options.inThread]);
    if (!item) {
      item = document.createElement('li');
      item.dataset.key = key;
      item.append(document.createElement('article'));
    }
    if (item.dataset.signature !== signature) {
      const article = item.firstElementChild as HTMLElement;
      const focused = focusKey(article);
      drawArticle(article, message, ctx, options.inThread);
      item.dataset.signature = signature;
      // A redrawn message keeps the keyboard where it was: on the same button, when it is still there.
      if (focused) article.querySelector<HTMLElement>(focused)?.focus();
    }
    const expectedPosition: Element | null = previous ? previous.nextElementSibling : list.firstElementChild;
    if (expectedPosition !== item) list.insertBefore(item, expectedPosition);
    previous = item;
  }
  for (const stale of existing.values()) stale.remove();
}

/** A selector for the focused button inside `article`, if one is focused. */
function focusKey(article: HTMLElement): string | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !article.contains(active)) return undefined;
  if (active.dataset.actionId !== undefined) return `[data-action-id="${CSS.escape(active.dataset.actionId)}"]`;
  return active.dataset.thread !== undefined ? '[data-thread]' : undefined;
}

function drawArticle(article: HTMLElement, message: PlaygroundMessage, ctx: RenderContext, inThread: boolean): void {
  article.className = `pg-message${message.ephemeral ? ' pg-ephemeral' : ''}`;
  article.dataset.ts = message.ts;
  if (message.threadTs) article.dataset.threadTs = message.threadTs;
  const rendered = Array.isArray(message.blocks) && message.blocks.length > 0 ? renderBlocks(message.blocks, ctx) : { html: renderMrkdwn(message.text, ctx), unknown: [] };
  if (rendered.unknown.length > 0) article.dataset.unknown = rendered.unknown.join(' ');
  else delete article.dataset.unknown;
  article.replaceChildren(avatar(message.author), body(message, rendered.html, inThread));
}

function avatar(author: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'pg-avatar';
  element.setAttribute('aria-hidden', 'true');
  element.textContent = author.slice(0, 1).toUpperCase();
  let hash = 0;
  for (const char of author) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  element.style.background = AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
  return element;
}

function body(message: PlaygroundMessage, html: string, inThread: boolean): HTMLElement {
  const element = document.createElement('div');
  element.className = 'pg-body';
  const meta = document.createElement('div');
  meta.className = 'pg-meta';
  meta.append(textElement('span', 'pg-author', message.author));
  if (message.authorKind === 'bot') meta.append(textElement('span', 'pg-app-badge', 'APP'));
  const time = textElement('time', 'pg-time', clock(message.ts)) as HTMLTimeElement;
  time.dateTime = new Date(Number(message.ts) * 1000).toISOString();
  meta.append(time);
  element.append(meta);
  if (message.broadcast && !inThread) element.append(textElement('p', 'pg-note', 'replied to a thread'));
  const content = document.createElement('div');
  content.className = 'pg-content';
  // The renderer's HTML: every text escaped, links only http(s)/mailto, no scripts or handlers.
  content.innerHTML = html;
  element.append(content);
  if (message.edited) element.append(textElement('span', 'pg-edited', '(edited)'));
  if (message.ephemeral) element.append(textElement('p', 'pg-only-you', 'Only visible to you'));
  if (!inThread && message.replyCount > 0) {
    const replies = textElement('button', 'pg-replies', message.replyCount === 1 ? '1 reply' : `${message.replyCount} replies`);
    (replies as HTMLButtonElement).type = 'button';
    replies.dataset.thread = message.ts;
    element.append(replies);
  }
  return element;
}

function textElement(tag: string, className: string, text: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

function clock(ts: string): string {
  return new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
