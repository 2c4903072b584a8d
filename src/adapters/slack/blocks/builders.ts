import type {
  ActionsBlock,
  Button,
  ConfirmDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  Mrkdwn,
  PlainText,
  SectionBlock,
} from './block-kit.js';
import { BLOCK_KIT_LIMITS as LIMIT } from './block-kit-limits.js';
import { cleanText } from './clean-text.js';
import { truncate } from './truncate.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

/*
 * Small constructors that also hold each field to Block Kit's limit, so a
 * renderer fed an absurd input degrades into a shorter message instead of an
 * `invalid_blocks` error. Text passed as mrkdwn must already be escaped
 * (toMrkdwn); plain_text is cleaned here (credentials, control characters).
 */

export const plainText = (text: string, max: number = LIMIT.sectionText): PlainText => ({ type: 'plain_text', text: truncate(cleanText(text), max), emoji: true });

export const mrkdwn = (text: string, max: number = LIMIT.sectionText): Mrkdwn => ({ type: 'mrkdwn', text: truncateMrkdwn(text, max) });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plainText(text, LIMIT.headerText) });

export const section = (text: string, accessory?: Button): SectionBlock => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
});

/** Two columns of label/value pairs; fields past ten are dropped. */
export const fieldsSection = (fields: readonly string[], text?: string): SectionBlock => ({
  type: 'section',
  ...(text ? { text: mrkdwn(text) } : {}),
  fields: fields.slice(0, LIMIT.sectionFields).map((field) => mrkdwn(field, LIMIT.fieldText)),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

/** Small grey text; elements past ten are dropped. */
export const context = (...elements: readonly string[]): ContextBlock => ({
  type: 'context',
  elements: elements.slice(0, LIMIT.contextElements).map((element) => mrkdwn(element)),
});

export const actions = (...elements: readonly Button[]): ActionsBlock => ({
  type: 'actions',
  elements: elements.slice(0, LIMIT.actionsElements),
});

export function button(
  label: string,
  actionId: string,
  options: { value?: string; style?: Button['style']; confirm?: ConfirmDialog } = {},
): Button {
  return {
    type: 'button',
    text: plainText(label, LIMIT.buttonText),
    action_id: truncate(actionId, LIMIT.actionId),
    ...(options.value !== undefined ? { value: truncate(options.value, LIMIT.buttonValue) } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

/** The "are you sure?" dialog Slack shows before a button's action is sent. `text` is mrkdwn, escaped. */
export function confirmDialog(title: string, text: string, confirm: string, deny: string, style?: ConfirmDialog['style']): ConfirmDialog {
  return {
    title: plainText(title, LIMIT.confirmTitle),
    text: mrkdwn(text, LIMIT.confirmText),
    confirm: plainText(confirm, LIMIT.confirmButton),
    deny: plainText(deny, LIMIT.confirmButton),
    ...(style ? { style } : {}),
  };
}
