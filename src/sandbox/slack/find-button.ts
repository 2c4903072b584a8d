import { createHash } from 'node:crypto';

/** A person clicking a button on a message the bot posted. */
export interface ButtonClick {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId: string;
  /** Picks among buttons sharing the action_id (in different blocks) by their value. */
  value?: string;
  /** Picks among buttons sharing the action_id by their block. */
  blockId?: string;
}

type Fields = Record<string, unknown>;

export interface FoundButton {
  /** The block's block_id, or the one Slack made up for a block sent without one. */
  blockId: string;
  button: Fields;
}

/**
 * Blocks as Slack stores and shows them: Slack gives every block sent
 * without a block_id one of its own. Derived from the block and its place,
 * so the same message always shows the same ids.
 */
export function withBlockIds(blocks: readonly unknown[]): unknown[] {
  return blocks.map((block, index) => {
    if (!isObject(block) || typeof block.block_id === 'string') return block;
    const made = createHash('sha256').update(`${index}:${JSON.stringify(block)}`).digest('base64').slice(0, 5);
    return { ...block, block_id: made };
  });
}

/**
 * The button a click is on. Throws when the message has no such button, or
 * several match: a test clicking a button that is not there is a broken test.
 */
export function findButton(blocks: readonly unknown[], click: ButtonClick): FoundButton {
  const buttons = buttonsIn(blocks);
  const matches = buttons.filter(
    ({ blockId, button }) =>
      button.action_id === click.actionId &&
      (click.blockId === undefined || blockId === click.blockId) &&
      (click.value === undefined || button.value === click.value),
  );
  const where = `message ${click.messageTs} in ${click.channelId}`;
  const wanted = describe(click.actionId, click.blockId, click.value);
  if (matches.length === 0) {
    const present = buttons.map(({ blockId, button }) => describe(String(button.action_id), blockId, button.value as string | undefined));
    throw new Error(`Slack sandbox: ${where} has no button ${wanted} (its buttons: ${present.join('; ') || 'none'})`);
  }
  if (matches.length > 1) throw new Error(`Slack sandbox: ${where} has ${matches.length} buttons ${wanted}: name the blockId or value`);
  return matches[0]!;
}

/** Buttons in actions blocks and as section accessories, in message order. */
function buttonsIn(blocks: readonly unknown[]): FoundButton[] {
  const found: FoundButton[] = [];
  for (const block of withBlockIds(blocks)) {
    if (!isObject(block)) continue;
    const blockId = block.block_id as string;
    const elements = block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [];
    const candidates = block.type === 'section' ? [block.accessory] : elements;
    for (const element of candidates) {
      if (isObject(element) && element.type === 'button') found.push({ blockId, button: element });
    }
  }
  return found;
}

function describe(actionId: string, blockId?: string, value?: string): string {
  return `"${actionId}"${blockId === undefined ? '' : ` in block "${blockId}"`}${value === undefined ? '' : ` with value "${value}"`}`;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
