import { expect } from 'vitest';
import type { SlackMessage } from '../../../src/adapters/slack/blocks/slack-message.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';

/** The limits Slack enforces on a posted message, plus the undocumented total that answers msg_blocks_too_long. */
export function expectWithinBlockKitLimits(message: SlackMessage): void {
  expect(validateBlocks(message.blocks)).toBeUndefined();
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  let total = 0;
  for (const block of message.blocks) {
    if (block.type === 'header') {
      expect(block.text.text.length).toBeLessThanOrEqual(150);
      total += block.text.text.length;
    }
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
      total += (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    }
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(10);
      total += block.elements.reduce((n, e) => n + e.text.length, 0);
    }
  }
  expect(total).toBeLessThanOrEqual(12_000);
}
