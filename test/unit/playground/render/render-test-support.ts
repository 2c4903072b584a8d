import { expect } from 'vitest';
import { escapeHtml } from '../../../../src/playground/render/escape-html.js';
import type { RenderContext } from '../../../../src/playground/render/render-blocks.js';

/** The sandbox world's names, as the playground passes them. */
export const ctx: RenderContext = {
  users: { U0ALICE: 'alice', U0BOB: 'bob', U0CAROL: 'carol' },
  channels: { C0RELEASES: 'releases' },
  usergroups: { S0RELEASE: 'release-managers' },
};

const ALLOWED_TAGS = new Set(['a', 'b', 'i', 's', 'u', 'br', 'code', 'pre', 'blockquote', 'span', 'div', 'h3', 'hr', 'button', 'ul', 'ol', 'li', 'figure', 'figcaption']);
const ALLOWED_ATTRIBUTES = new Set(['class', 'href', 'target', 'rel', 'role', 'title', 'type', 'start', 'aria-label', 'data-action-id', 'data-block-id', 'data-value', 'data-confirm']);

/**
 * The HTML can do nothing but show text: every tag and attribute is one the
 * renderer means to emit (no script, no on…= event handler, no style, no src), every
 * attribute value is quoted with no raw quote inside, and every href is http(s) or mailto.
 */
export function expectInertHtml(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/href="\s*javascript:/i);
  for (const [, closing, name, attributes] of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS, `tag <${name}>`).toContain(name);
    expect(attributes!.replace(/="[^"]*"/g, '=""'), `attribute names of <${name}>`).not.toMatch(/\son[a-z]+\s*=/i);
    if (closing) expect(attributes).toBe('');
    const rest = attributes!.replace(/ ([a-z-]+)="([^"<>]*)"/g, (_all, attribute: string, value: string) => {
      expect(ALLOWED_ATTRIBUTES, `attribute ${attribute}`).toContain(attribute);
      if (attribute === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/);
      return '';
    });
    expect(rest, `attributes of <${name}>`).toBe('');
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** What a reader sees: the HTML without its tags, entities decoded, line breaks as newlines. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
}

/** The words of a mrkdwn text a reader must see (mentions, links and :emoji: left out: they are drawn, not typed). */
export function wordsOf(mrkdwn: string): string[] {
  const prose = mrkdwn
    .replace(/<[^>]*>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ')
    .replace(/&(?:amp|lt|gt);/g, (e) => ENTITIES[e]!);
  return prose.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Each word of the text appears in the visible text, in the text's order. */
export function expectWordsInOrder(visible: string, words: readonly string[]): void {
  let at = 0;
  for (const word of words) {
    const found = visible.indexOf(word, at);
    expect(found, `"${word}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + word.length;
  }
}

interface TextObject {
  type: string;
  text: string;
}
/** A block as the builders make it, loosely typed (the renderer takes unknown JSON). */
interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: { type: string; action_id?: string; text?: TextObject };
  elements?: { type: string; text?: unknown; action_id?: string }[];
}

/**
 * Every header (exactly), section text, field, context text (their words, in
 * order) and button label (on its <button>) of the blocks is in the HTML.
 */
export function expectEveryTextVisible(blocks: readonly unknown[], html: string): void {
  const visible = visibleText(html);
  const buttons = [] as { action_id?: string; text?: unknown }[];
  for (const block of blocks as readonly AnyBlock[]) {
    if (block.type === 'header') expect(html).toContain(`<h3 class="sk-block sk-header">${escapeHtml(block.text!.text)}</h3>`);
    if (block.type === 'section' && block.text) expectWordsInOrder(visible, wordsOf(block.text.text));
    for (const field of block.fields ?? []) expectWordsInOrder(visible, wordsOf(field.text));
    if (block.type === 'context') for (const element of block.elements ?? []) expectWordsInOrder(visible, wordsOf(String(element.text)));
    if (block.type === 'actions') buttons.push(...(block.elements ?? []));
    if (block.accessory?.type === 'button') buttons.push(block.accessory);
  }
  for (const button of buttons) {
    const label = escapeHtml((button.text as TextObject).text);
    expect(html).toMatch(new RegExp(`<button type="button" [^>]*data-action-id="${escapeHtml(button.action_id!)}"[^>]*>${label}</button>`));
  }
  const fieldCount = (blocks as readonly AnyBlock[]).reduce((n, block) => n + (block.fields?.length ?? 0), 0);
  expect(html.match(/class="sk-field"/g) ?? []).toHaveLength(fieldCount);
}
