import { escapeHtml } from './escape-html.js';
import { isFields, listOf, stringOf, type Fields } from './fields.js';
import type { RenderContext } from './render-context.js';
import { renderImage, renderInteractiveElement } from './render-elements.js';
import { renderRichText } from './render-rich-text.js';
import { renderPlainField, renderTextObject } from './text-object.js';
import type { UnknownParts } from './unknown-parts.js';

/** One block as HTML, in a wrapper classed `sk-block sk-<type>`; a type it does not know becomes a visible placeholder. */
export function renderBlock(value: unknown, ctx: RenderContext, unknown: UnknownParts): string {
  const block = isFields(value) ? value : {};
  const blockId = stringOf(block.block_id);
  const wrap = (tag: string, kind: string, html: string, extra = ''): string =>
    `<${tag} class="sk-block sk-${kind}"${blockId === undefined ? '' : ` data-block-id="${escapeHtml(blockId)}"`}${extra}>${html}</${tag}>`;
  switch (block.type) {
    case 'header':
      return wrap('h3', 'header', renderPlainField(block.text));
    case 'section':
      return wrap('div', 'section', sectionHtml(block, blockId, ctx, unknown));
    case 'divider':
      return wrap('div', 'divider', '<hr>');
    case 'context':
      return wrap('div', 'context', contextHtml(block, ctx, unknown));
    case 'actions':
      return wrap('div', 'actions', listOf(block.elements).map((e) => renderInteractiveElement(e, blockId, unknown)).join(''), ' role="group"');
    case 'image':
      return wrap('figure', 'image-block', `${renderImage(block)}${block.title === undefined ? '' : `<figcaption>${renderPlainField(block.title)}</figcaption>`}`);
    case 'rich_text':
      return wrap('div', 'rich-text', renderRichText(listOf(block.elements), ctx, unknown));
    default:
      return unknown.placeholder('block', block.type);
  }
}

function sectionHtml(block: Fields, blockId: string | undefined, ctx: RenderContext, unknown: UnknownParts): string {
  const text = block.text === undefined ? '' : `<div class="sk-section-text">${renderTextObject(block.text, ctx, unknown)}</div>`;
  const fields = listOf(block.fields).map((field) => `<div class="sk-field">${renderTextObject(field, ctx, unknown)}</div>`);
  const fieldsHtml = fields.length === 0 ? '' : `<div class="sk-fields">${fields.join('')}</div>`;
  const accessory = block.accessory === undefined ? '' : `<div class="sk-accessory">${renderInteractiveElement(block.accessory, blockId, unknown)}</div>`;
  return `<div class="sk-section-main">${text}${fieldsHtml}</div>${accessory}`;
}

function contextHtml(block: Fields, ctx: RenderContext, unknown: UnknownParts): string {
  return listOf(block.elements)
    .map((element) =>
      isFields(element) && element.type === 'image'
        ? renderImage(element, ' sk-context-image')
        : `<span class="sk-context-item">${renderTextObject(element, ctx, unknown)}</span>`,
    )
    .join('');
}
