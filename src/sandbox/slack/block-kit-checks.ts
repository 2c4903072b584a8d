/**
 * The primitives Block Kit validation is built from. Each check throws a
 * BlockKitError naming where in the payload the problem is, so the first
 * problem found is the one reported, as Slack reports it.
 */

export type BlockPath = readonly (string | number)[];

export class BlockKitError extends Error {
  constructor(
    readonly path: BlockPath,
    readonly reason: string,
  ) {
    super(`${formatBlockPath(path)}: ${reason}`);
  }
}

/** `blocks[3].text.text` */
export function formatBlockPath(path: BlockPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** `/blocks/3/text/text`, as Slack's `[json-pointer:...]` suffix names it. */
export function blockJsonPointer(path: BlockPath): string {
  return path.map((part) => `/${part}`).join('');
}

export type Fields = Record<string, unknown>;

/** Slack counts characters, not UTF-16 code units. */
export function characterCount(text: string): number {
  return [...text].length;
}

export function asObject(value: unknown, path: BlockPath): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BlockKitError(path, 'must be an object');
  return value as Fields;
}

export function onlyFields(object: Fields, path: BlockPath, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new BlockKitError([...path, key], `is not a field of ${what}`);
  }
}

interface StringRule {
  required?: boolean;
  max?: number;
  /** Defaults to 1 when required: Slack rejects empty required strings. */
  min?: number;
}

export function stringField(object: Fields, path: BlockPath, name: string, rule: StringRule = {}): string | undefined {
  const value = object[name];
  const at = [...path, name];
  if (value === undefined) {
    if (rule.required) throw new BlockKitError(at, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw new BlockKitError(at, 'must be a string');
  const length = characterCount(value);
  const min = rule.min ?? (rule.required ? 1 : 0);
  if (length < min) throw new BlockKitError(at, `must be at least ${min} character${min === 1 ? '' : 's'}`);
  if (rule.max !== undefined && length > rule.max) throw new BlockKitError(at, `must be at most ${rule.max} characters`);
  return value;
}

export function booleanField(object: Fields, path: BlockPath, name: string): void {
  const value = object[name];
  if (value !== undefined && typeof value !== 'boolean') throw new BlockKitError([...path, name], 'must be a boolean');
}

export function choiceField(object: Fields, path: BlockPath, name: string, choices: readonly string[]): void {
  const value = object[name];
  if (value !== undefined && !choices.includes(value as string)) {
    throw new BlockKitError([...path, name], `must be one of ${choices.join(', ')}`);
  }
}

interface ArrayRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function arrayField(object: Fields, path: BlockPath, name: string, rule: ArrayRule = {}): unknown[] | undefined {
  const value = object[name];
  const at = [...path, name];
  if (value === undefined) {
    if (rule.required) throw new BlockKitError(at, 'is required');
    return undefined;
  }
  if (!Array.isArray(value)) throw new BlockKitError(at, 'must be an array');
  checkItemCount(value, at, rule);
  return value;
}

export function checkItemCount(items: readonly unknown[], path: BlockPath, rule: ArrayRule): void {
  const min = rule.min ?? 0;
  if (items.length < min) throw new BlockKitError(path, `must have at least ${min} item${min === 1 ? '' : 's'}`);
  if (rule.max !== undefined && items.length > rule.max) throw new BlockKitError(path, `must have at most ${rule.max} items`);
}

export function typeOf(object: Fields, path: BlockPath): string {
  const type = object.type;
  if (type === undefined) throw new BlockKitError([...path, 'type'], 'is required');
  if (typeof type !== 'string') throw new BlockKitError([...path, 'type'], 'must be a string');
  return type;
}
