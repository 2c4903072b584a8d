import { describe, expect, it } from 'vitest';
import { actions, button, confirmDialog, context, fieldsSection, header, section } from '../../../src/adapters/slack/blocks/builders.js';
import { fitLines } from '../../../src/adapters/slack/blocks/fit-lines.js';
import { nameList } from '../../../src/adapters/slack/blocks/name-list.js';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';

describe('block builders', () => {
  it('hold every text to its Block Kit limit, so absurd input still makes valid blocks', () => {
    // given
    const long = 'x'.repeat(10_000);
    // when
    const blocks = [
      header(long),
      section(long, button(long, long, { value: long, confirm: confirmDialog(long, long, long, long, 'danger') })),
      fieldsSection(Array.from({ length: 12 }, () => long), long),
      context(...Array.from({ length: 12 }, () => long)),
      actions(...Array.from({ length: 30 }, (_, i) => button(`b${i}`, `a${i}`))),
    ];
    // then
    expect(validateBlocks(blocks)).toBeUndefined();
    expect(blocks[0]).toMatchObject({ text: { type: 'plain_text' } });
    expect((blocks[0] as { text: { text: string } }).text.text).toHaveLength(150);
    expect((blocks[2] as { fields: unknown[] }).fields).toHaveLength(10);
    expect((blocks[3] as { elements: unknown[] }).elements).toHaveLength(10);
    expect((blocks[4] as { elements: unknown[] }).elements).toHaveLength(25);
  });

  it('build a button with a confirm dialog the way Slack expects it', () => {
    const approve = button('Approve', 'approve', {
      value: 'req-1',
      style: 'primary',
      confirm: confirmDialog('Deploy to production?', 'backend *1.2.0*', 'Deploy', 'Cancel'),
    });
    expect(approve).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Approve', emoji: true },
      action_id: 'approve',
      value: 'req-1',
      style: 'primary',
      confirm: {
        title: { type: 'plain_text', text: 'Deploy to production?', emoji: true },
        text: { type: 'mrkdwn', text: 'backend *1.2.0*' },
        confirm: { type: 'plain_text', text: 'Deploy', emoji: true },
        deny: { type: 'plain_text', text: 'Cancel', emoji: true },
      },
    });
    expect(validateBlocks([actions(approve)])).toBeUndefined();
  });
});

describe('fitLines', () => {
  const more = (n: number) => `…and ${n} more`;

  it('keeps everything when it fits', () => {
    expect(fitLines('head', ['a', 'b'], 100, more)).toBe('head\na\nb');
  });

  it('cuts between items and counts what was left out, within the budget', () => {
    // given three 10-character items and room for the head, one item and the "more" line
    const items = ['1'.repeat(10), '2'.repeat(10), '3'.repeat(10)];
    // when
    const text = fitLines('head', items, 35, more);
    // then
    expect(text).toBe(`head\n${'1'.repeat(10)}\n…and 2 more`);
    expect(text.length).toBeLessThanOrEqual(35);
  });

  it('always keeps the first item', () => {
    expect(fitLines('head', ['x'.repeat(50), 'y'], 20, more)).toBe(`head\n${'x'.repeat(50)}\n…and 1 more`);
  });
});

describe('nameList', () => {
  it('lists every name when they fit', () => {
    expect(nameList(['backend', 'frontend', 'ml'], 100)).toBe('backend, frontend, ml');
  });

  it('counts the names that do not fit', () => {
    const list = nameList(['alpha', 'bravo', 'charlie', 'delta', 'echo'], 30);
    expect(list).toBe('alpha, bravo and 3 more');
    expect(list.length).toBeLessThanOrEqual(30);
  });
});
