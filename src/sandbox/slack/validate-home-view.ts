import { asObject, BlockKitError, checkItemCount, onlyFields, stringField, typeOf, type BlockPath } from './block-kit-checks.js';
import { findBlockProblem } from './validate-blocks.js';

/** Slack's limit on a Home tab's blocks; a message's is 50. */
export const HOME_VIEW_MAX_BLOCKS = 100;

/**
 * The first problem with a views.publish `view`, checked as Slack does before
 * it answers invalid_arguments: a `home` view, at most 100 blocks, block_ids
 * unique, and every block held to the same rules as in a message (each block
 * is checked alone with validateBlocks' rules, so only the count differs).
 * Paths start at `view`, e.g. "view.blocks[60].text.text".
 */
export function findHomeViewProblem(view: unknown): BlockKitError | undefined {
  try {
    checkHomeView(view);
    return undefined;
  } catch (error) {
    if (error instanceof BlockKitError) return error;
    throw error;
  }
}

function checkHomeView(value: unknown): void {
  const path: BlockPath = ['view'];
  const view = asObject(value, path);
  onlyFields(view, path, ['type', 'blocks', 'private_metadata', 'callback_id', 'external_id'], 'a home view');
  const type = typeOf(view, path);
  if (type !== 'home') throw new BlockKitError([...path, 'type'], `must be "home" for views.publish (got "${type}")`);
  stringField(view, path, 'private_metadata', { max: 3000 });
  stringField(view, path, 'callback_id', { max: 255 });
  stringField(view, path, 'external_id', { max: 255 });
  const blocks = view.blocks;
  if (blocks === undefined) throw new BlockKitError([...path, 'blocks'], 'is required');
  if (!Array.isArray(blocks)) throw new BlockKitError([...path, 'blocks'], 'must be an array');
  checkItemCount(blocks, [...path, 'blocks'], { max: HOME_VIEW_MAX_BLOCKS });
  const blockIds = new Map<string, number>();
  blocks.forEach((block, i) => {
    const problem = findBlockProblem([block]);
    if (problem) throw new BlockKitError([...path, 'blocks', i, ...problem.path.slice(2)], problem.reason);
    const blockId = (block as { block_id?: unknown }).block_id;
    if (typeof blockId !== 'string') return;
    const first = blockIds.get(blockId);
    if (first !== undefined) throw new BlockKitError([...path, 'blocks', i, 'block_id'], `must be unique (blocks[${first}] has the same)`);
    blockIds.set(blockId, i);
  });
}
