import {
  arrayField,
  asObject,
  BlockKitError,
  booleanField,
  checkItemCount,
  onlyFields,
  stringField,
  typeOf,
  type BlockPath,
  type Fields,
} from './block-kit-checks.js';
import { checkImageElement, checkInteractiveElement } from './validate-elements.js';
import { checkTextField, checkTextObject } from './validate-text-objects.js';

/** Block types Slack accepts in messages that the sandbox checks only for a valid block_id. */
const UNMODELLED_BLOCKS = ['rich_text', 'input', 'file', 'video'];

/**
 * Block Kit's documented limits for messages, checked the way Slack does
 * before it answers invalid_blocks: undefined when the blocks are valid, else
 * the first problem as one line, e.g. "blocks[3].text.text: must be at most 3000 characters".
 */
export function validateBlocks(blocks: unknown): string | undefined {
  return findBlockProblem(blocks)?.message;
}

/** The first problem with the blocks, with its path (for Slack's json-pointer in response_metadata). */
export function findBlockProblem(blocks: unknown): BlockKitError | undefined {
  try {
    checkBlocks(blocks);
    return undefined;
  } catch (error) {
    if (error instanceof BlockKitError) return error;
    throw error;
  }
}

function checkBlocks(blocks: unknown): void {
  if (!Array.isArray(blocks)) throw new BlockKitError(['blocks'], 'must be an array');
  checkItemCount(blocks, ['blocks'], { max: 50 });
  const blockIds = new Map<string, number>();
  blocks.forEach((value, i) => {
    const path = ['blocks', i];
    const block = asObject(value, path);
    const blockId = stringField(block, path, 'block_id', { max: 255, min: 1 });
    if (blockId !== undefined) {
      const first = blockIds.get(blockId);
      if (first !== undefined) throw new BlockKitError([...path, 'block_id'], `must be unique (blocks[${first}] has the same)`);
      blockIds.set(blockId, i);
    }
    checkBlock(block, path);
  });
}

function checkBlock(block: Fields, path: BlockPath): void {
  const type = typeOf(block, path);
  switch (type) {
    case 'section':
      return checkSection(block, path);
    case 'header':
      onlyFields(block, path, ['type', 'block_id', 'text'], 'a header block');
      return checkTextField(block, path, 'text', { required: true, max: 150, plainOnly: true });
    case 'divider':
      return onlyFields(block, path, ['type', 'block_id'], 'a divider block');
    case 'context':
      return checkContext(block, path);
    case 'actions':
      return checkActions(block, path);
    case 'image':
      return checkImageBlock(block, path);
    case 'markdown':
      onlyFields(block, path, ['type', 'block_id', 'text'], 'a markdown block');
      stringField(block, path, 'text', { required: true, max: 12_000 });
      return;
    default:
      if (!UNMODELLED_BLOCKS.includes(type)) throw new BlockKitError([...path, 'type'], `unknown block type "${type}"`);
  }
}

function checkSection(block: Fields, path: BlockPath): void {
  onlyFields(block, path, ['type', 'block_id', 'text', 'fields', 'accessory', 'expand'], 'a section block');
  if (block.text === undefined && block.fields === undefined) {
    throw new BlockKitError([...path, 'text'], 'is required when a section has no fields');
  }
  checkTextField(block, path, 'text', { max: 3000 });
  const fields = arrayField(block, path, 'fields', { min: 1, max: 10 }) ?? [];
  fields.forEach((field, i) => checkTextObject(field, [...path, 'fields', i], { max: 2000 }));
  if (block.accessory !== undefined) checkInteractiveElement(block.accessory, [...path, 'accessory'], 'accessory');
  booleanField(block, path, 'expand');
}

function checkContext(block: Fields, path: BlockPath): void {
  onlyFields(block, path, ['type', 'block_id', 'elements'], 'a context block');
  const elements = arrayField(block, path, 'elements', { required: true, min: 1, max: 10 }) ?? [];
  elements.forEach((value, i) => {
    const at = [...path, 'elements', i];
    const element = asObject(value, at);
    if (typeOf(element, at) === 'image') checkImageElement(element, at);
    else checkTextObject(element, at, { max: 3000 });
  });
}

function checkActions(block: Fields, path: BlockPath): void {
  onlyFields(block, path, ['type', 'block_id', 'elements'], 'an actions block');
  const elements = arrayField(block, path, 'elements', { required: true, min: 1, max: 25 }) ?? [];
  elements.forEach((element, i) => checkInteractiveElement(element, [...path, 'elements', i], 'actions'));
}

function checkImageBlock(block: Fields, path: BlockPath): void {
  onlyFields(block, path, ['type', 'block_id', 'image_url', 'slack_file', 'alt_text', 'title'], 'an image block');
  if (block.slack_file === undefined) stringField(block, path, 'image_url', { required: true, max: 3000 });
  else asObject(block.slack_file, [...path, 'slack_file']);
  stringField(block, path, 'alt_text', { required: true, max: 2000 });
  checkTextField(block, path, 'title', { max: 2000, plainOnly: true });
}
