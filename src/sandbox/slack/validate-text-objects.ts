import {
  asObject,
  BlockKitError,
  booleanField,
  onlyFields,
  stringField,
  typeOf,
  type BlockPath,
  type Fields,
} from './block-kit-checks.js';

export interface TextRule {
  max: number;
  /** Where Block Kit only takes plain_text (headers, button labels, dialog titles). */
  plainOnly?: boolean;
}

/** A composition text object: `{ type: plain_text | mrkdwn, text, emoji?, verbatim? }`. */
export function checkTextObject(value: unknown, path: BlockPath, rule: TextRule): Fields {
  const text = asObject(value, path);
  const type = typeOf(text, path);
  if (rule.plainOnly && type !== 'plain_text') throw new BlockKitError([...path, 'type'], 'must be plain_text');
  if (type === 'plain_text') {
    onlyFields(text, path, ['type', 'text', 'emoji'], 'a plain_text object');
    booleanField(text, path, 'emoji');
  } else if (type === 'mrkdwn') {
    onlyFields(text, path, ['type', 'text', 'verbatim'], 'a mrkdwn object');
    booleanField(text, path, 'verbatim');
  } else {
    throw new BlockKitError([...path, 'type'], 'must be plain_text or mrkdwn');
  }
  stringField(text, path, 'text', { required: true, max: rule.max });
  return text;
}

/** Checks an optional text-object field of `object`. */
export function checkTextField(object: Fields, path: BlockPath, name: string, rule: TextRule & { required?: boolean }): void {
  const value = object[name];
  if (value === undefined) {
    if (rule.required) throw new BlockKitError([...path, name], 'is required');
    return;
  }
  checkTextObject(value, [...path, name], rule);
}
