import { isFields, listOf, typeOf } from './fields.js';
import type { RenderContext } from './render-context.js';
import { renderRichTextInline } from './rich-text-inline.js';
import type { UnknownParts } from './unknown-parts.js';

/** A rich_text block's elements: sections, bullet and numbered lists, preformatted text and quotes. */
export function renderRichText(elements: readonly unknown[], ctx: RenderContext, unknown: UnknownParts): string {
  return elements.map((element) => renderRichTextElement(element, ctx, unknown)).join('');
}

function renderRichTextElement(element: unknown, ctx: RenderContext, unknown: UnknownParts): string {
  const inner = listOf(isFields(element) ? element.elements : undefined);
  switch (typeOf(element)) {
    case 'rich_text_section':
      return `<div class="sk-rt-section">${renderRichTextInline(inner, ctx, unknown)}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="sk-pre">${renderRichTextInline(inner, ctx, unknown, true)}</pre>`;
    case 'rich_text_quote':
      return `<blockquote class="sk-quote">${renderRichTextInline(inner, ctx, unknown)}</blockquote>`;
    case 'rich_text_list':
      return renderList(isFields(element) ? element : {}, inner, ctx, unknown);
    default:
      return unknown.placeholder('rich_text', typeOf(element));
  }
}

function renderList(list: Record<string, unknown>, items: readonly unknown[], ctx: RenderContext, unknown: UnknownParts): string {
  const ordered = list.style === 'ordered';
  const tag = ordered ? 'ol' : 'ul';
  const indent = Math.min(8, Math.max(0, Math.trunc(Number(list.indent) || 0)));
  const offset = Math.max(0, Math.trunc(Number(list.offset) || 0));
  const start = ordered && offset > 0 ? ` start="${offset + 1}"` : '';
  const border = list.border === 1 ? ' sk-rt-border' : '';
  const lis = items.map((item) =>
    typeOf(item) === 'rich_text_section'
      ? `<li>${renderRichTextInline(listOf(isFields(item) ? item.elements : undefined), ctx, unknown)}</li>`
      : `<li>${unknown.placeholder('rich_text', typeOf(item), true)}</li>`,
  );
  return `<${tag} class="sk-rt-list sk-rt-indent-${indent}${border}"${start}>${lis.join('')}</${tag}>`;
}
