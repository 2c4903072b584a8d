import {
  arrayField,
  asObject,
  BlockKitError,
  booleanField,
  choiceField,
  onlyFields,
  stringField,
  typeOf,
  type BlockPath,
  type Fields,
} from './block-kit-checks.js';
import { checkTextField } from './validate-text-objects.js';

const STYLES = ['primary', 'danger'] as const;

/** Interactive elements Block Kit defines but the sandbox checks only for their action_id. */
const OTHER_INTERACTIVE = [
  'users_select',
  'conversations_select',
  'channels_select',
  'external_select',
  'multi_static_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'multi_external_select',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'checkboxes',
  'radio_buttons',
  'workflow_button',
  'rich_text_input',
];

/** An element in an actions block, or a section's accessory (which also takes an image). */
export function checkInteractiveElement(value: unknown, path: BlockPath, place: 'actions' | 'accessory'): void {
  const element = asObject(value, path);
  const type = typeOf(element, path);
  if (type === 'button') checkButton(element, path);
  else if (type === 'overflow') checkOverflow(element, path);
  else if (type === 'static_select') checkStaticSelect(element, path);
  else if (type === 'image' && place === 'accessory') checkImageElement(element, path);
  else if (OTHER_INTERACTIVE.includes(type)) stringField(element, path, 'action_id', { max: 255 });
  else {
    const where = place === 'actions' ? 'an actions block' : 'a section accessory';
    throw new BlockKitError([...path, 'type'], `unsupported element type "${type}" in ${where}`);
  }
}

export function checkImageElement(element: Fields, path: BlockPath): void {
  onlyFields(element, path, ['type', 'image_url', 'slack_file', 'alt_text'], 'an image element');
  if (element.slack_file === undefined) stringField(element, path, 'image_url', { required: true, max: 3000 });
  else asObject(element.slack_file, [...path, 'slack_file']);
  stringField(element, path, 'alt_text', { required: true, max: 2000 });
}

function checkButton(button: Fields, path: BlockPath): void {
  onlyFields(button, path, ['type', 'text', 'action_id', 'url', 'value', 'style', 'confirm', 'accessibility_label'], 'a button');
  checkTextField(button, path, 'text', { required: true, max: 75, plainOnly: true });
  stringField(button, path, 'action_id', { max: 255 });
  stringField(button, path, 'url', { max: 3000 });
  stringField(button, path, 'value', { max: 2000 });
  choiceField(button, path, 'style', STYLES);
  stringField(button, path, 'accessibility_label', { max: 75 });
  if (button.confirm !== undefined) checkConfirm(button.confirm, [...path, 'confirm']);
}

function checkOverflow(overflow: Fields, path: BlockPath): void {
  onlyFields(overflow, path, ['type', 'action_id', 'options', 'confirm'], 'an overflow menu');
  stringField(overflow, path, 'action_id', { max: 255 });
  const options = arrayField(overflow, path, 'options', { required: true, min: 1, max: 5 }) ?? [];
  options.forEach((option, i) => checkOption(option, [...path, 'options', i], true));
  if (overflow.confirm !== undefined) checkConfirm(overflow.confirm, [...path, 'confirm']);
}

function checkStaticSelect(select: Fields, path: BlockPath): void {
  const fields = ['type', 'action_id', 'placeholder', 'options', 'option_groups', 'initial_option', 'confirm', 'focus_on_load'];
  onlyFields(select, path, fields, 'a static_select');
  stringField(select, path, 'action_id', { max: 255 });
  checkTextField(select, path, 'placeholder', { max: 150, plainOnly: true });
  booleanField(select, path, 'focus_on_load');
  if ((select.options === undefined) === (select.option_groups === undefined)) {
    throw new BlockKitError([...path, 'options'], 'exactly one of options and option_groups is required');
  }
  const options = arrayField(select, path, 'options', { max: 100 }) ?? [];
  options.forEach((option, i) => checkOption(option, [...path, 'options', i], false));
  const groups = arrayField(select, path, 'option_groups', { max: 100 }) ?? [];
  groups.forEach((group, i) => checkOptionGroup(group, [...path, 'option_groups', i]));
  if (select.initial_option !== undefined) checkOption(select.initial_option, [...path, 'initial_option'], false);
  if (select.confirm !== undefined) checkConfirm(select.confirm, [...path, 'confirm']);
}

function checkOptionGroup(value: unknown, path: BlockPath): void {
  const group = asObject(value, path);
  onlyFields(group, path, ['label', 'options'], 'an option group');
  checkTextField(group, path, 'label', { required: true, max: 75, plainOnly: true });
  const options = arrayField(group, path, 'options', { required: true, min: 1, max: 100 }) ?? [];
  options.forEach((option, i) => checkOption(option, [...path, 'options', i], false));
}

function checkOption(value: unknown, path: BlockPath, inOverflow: boolean): void {
  const option = asObject(value, path);
  onlyFields(option, path, inOverflow ? ['text', 'value', 'description', 'url'] : ['text', 'value', 'description'], 'an option');
  checkTextField(option, path, 'text', { required: true, max: 75, plainOnly: true });
  stringField(option, path, 'value', { required: true, max: 150 });
  checkTextField(option, path, 'description', { max: 75, plainOnly: true });
  if (inOverflow) stringField(option, path, 'url', { max: 3000 });
}

/** A confirmation dialog object (Slack's "confirm"), as on a protected environment's Approve button. */
function checkConfirm(value: unknown, path: BlockPath): void {
  const confirm = asObject(value, path);
  onlyFields(confirm, path, ['title', 'text', 'confirm', 'deny', 'style'], 'a confirmation dialog');
  checkTextField(confirm, path, 'title', { required: true, max: 100, plainOnly: true });
  checkTextField(confirm, path, 'text', { required: true, max: 300 });
  checkTextField(confirm, path, 'confirm', { required: true, max: 30, plainOnly: true });
  checkTextField(confirm, path, 'deny', { required: true, max: 30, plainOnly: true });
  choiceField(confirm, path, 'style', STYLES);
}
