import type { Block, TextObject } from '../../blocks/block-kit.js';

/** The characters of text a list of blocks carries, as counted against the message's text budget. */
export function textLength(blocks: readonly Block[]): number {
  const length = (t: TextObject | undefined) => t?.text.length ?? 0;
  let total = 0;
  for (const block of blocks) {
    if (block.type === 'header') total += length(block.text);
    else if (block.type === 'section') total += length(block.text) + (block.fields ?? []).reduce((n, f) => n + length(f), 0);
    else if (block.type === 'context') total += block.elements.reduce((n, e) => n + length(e), 0);
    else if (block.type === 'actions') total += block.elements.reduce((n, e) => n + length(e.text), 0);
  }
  return total;
}
