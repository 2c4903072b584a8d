import { isFields, stringOf } from './fields.js';
import { renderPlainText } from './plain-text.js';
import type { RenderContext } from './render-context.js';
import { renderMrkdwn } from './render-mrkdwn.js';
import type { UnknownParts } from './unknown-parts.js';

/** A composition text object ({type: plain_text | mrkdwn, text}) as HTML; any other type is an unknown element. */
export function renderTextObject(value: unknown, ctx: RenderContext, unknown: UnknownParts): string {
  const object = isFields(value) ? value : {};
  const text = stringOf(object.text) ?? '';
  if (object.type === 'plain_text') return renderPlainText(text, object.emoji !== false);
  if (object.type === 'mrkdwn') return renderMrkdwn(text, ctx, { verbatim: object.verbatim === true });
  return unknown.placeholder('element', object.type, true);
}

/** A plain_text field's text (a button label, a dialog title) as HTML; empty when missing. */
export function renderPlainField(value: unknown): string {
  const object = isFields(value) ? value : {};
  return renderPlainText(stringOf(object.text) ?? '', object.emoji !== false);
}
