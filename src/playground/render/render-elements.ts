import { escapeHtml } from './escape-html.js';
import { isFields, stringOf, typeOf, type Fields } from './fields.js';
import { linkHtml } from './mention-html.js';
import { safeHref } from './safe-url.js';
import { renderPlainField } from './text-object.js';
import type { UnknownParts } from './unknown-parts.js';

/** ' sk-primary' or ' sk-danger' for the two styles Block Kit has; nothing for any other value. */
const styleClass = (style: unknown): string => (style === 'primary' || style === 'danger' ? ` sk-${style}` : '');

/** An element in an actions block or a section's accessory: a button, an image, or a visible placeholder. */
export function renderInteractiveElement(element: unknown, blockId: string | undefined, unknown: UnknownParts): string {
  const type = typeOf(element);
  if (type === 'button' && isFields(element)) return renderButton(element, blockId);
  if (type === 'image' && isFields(element)) return renderImage(element);
  return unknown.placeholder('element', type, true);
}

/**
 * A button as the page's script expects it: the action, block and value in
 * data attributes, and the raw Block Kit confirm object as JSON in
 * data-confirm (the page draws the dialog). A button with a safe url is a
 * link that still carries its action (Slack sends block_actions for it too).
 * No event handler attribute, ever: the page's own script does the clicking.
 */
export function renderButton(button: Fields, blockId: string | undefined): string {
  const attributes: [string, string | undefined][] = [
    ['class', `sk-button${styleClass(button.style)}`],
    ['data-action-id', stringOf(button.action_id)],
    ['data-block-id', blockId],
    ['data-value', stringOf(button.value)],
    ['data-confirm', isFields(button.confirm) ? JSON.stringify(button.confirm) : undefined],
    ['aria-label', stringOf(button.accessibility_label)],
  ];
  const label = renderPlainField(button.text);
  const href = safeHref(button.url);
  if (href !== undefined) {
    return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer"${attributeHtml(attributes)}>${label}</a>`;
  }
  return `<button type="button"${attributeHtml(attributes)}>${label}</button>`;
}

/**
 * An image, drawn as its alt text (linked to the image when its URL is safe):
 * the playground fetches nothing beyond 127.0.0.1, and shipmate sends no images.
 */
export function renderImage(image: Fields, extraClass = ''): string {
  const alt = stringOf(image.alt_text) ?? '';
  const shown = `<span class="sk-image${extraClass}" role="img" aria-label="${escapeHtml(alt)}">🖼️ ${escapeHtml(alt)}</span>`;
  return linkHtml(image.image_url, shown);
}

function attributeHtml(attributes: readonly [string, string | undefined][]): string {
  return attributes.map(([name, value]) => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`)).join('');
}
