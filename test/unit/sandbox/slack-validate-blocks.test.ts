import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../src/sandbox/slack/validate-blocks.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (label: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: plain(label), action_id: 'approve', ...extra });
const confirm = { title: plain('Deploy to production?'), text: mrkdwn('This ships *backend 1.1.0*.'), confirm: plain('Deploy'), deny: plain('Cancel') };

describe('validateBlocks: a readiness card within every limit', () => {
  it('given a card using every block the bot renders, when validated, then it is valid', () => {
    const blocks = [
      { type: 'header', text: plain('Readiness: staging 1.1.0') },
      { type: 'section', block_id: 'score', text: mrkdwn('*Score* 92/100'), fields: [mrkdwn('*Verdict*\nready'), plain('3 checks')] },
      { type: 'divider' },
      { type: 'context', elements: [mrkdwn('passing: 24'), { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'ok' }] },
      { type: 'actions', elements: [button('Approve', { style: 'primary', value: 'req-1', confirm }), button('Reject', { action_id: 'reject', style: 'danger' })] },
      { type: 'section', text: plain('details'), accessory: button('Open', { action_id: 'open', url: 'https://example.com' }) },
    ];

    expect(validateBlocks(blocks)).toBeUndefined();
  });

  it('given blocks exactly at each limit, when validated, then they are valid', () => {
    const blocks = [
      { type: 'header', text: plain('h'.repeat(150)) },
      { type: 'section', block_id: 'b'.repeat(255), text: mrkdwn('s'.repeat(3000)) },
      { type: 'section', fields: Array.from({ length: 10 }, () => mrkdwn('f'.repeat(2000))) },
      { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) },
      { type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button('x'.repeat(75), { action_id: `${i}`.padEnd(255, 'a') })) },
      ...Array.from({ length: 45 }, () => ({ type: 'divider' })),
    ];

    expect(blocks).toHaveLength(50);
    expect(validateBlocks(blocks)).toBeUndefined();
  });

  it('given text counted in characters, when an emoji-heavy section is at the limit, then it is valid', () => {
    expect(validateBlocks([section('🚀'.repeat(3000))])).toBeUndefined();
    expect(validateBlocks([section('🚀'.repeat(3001))])).toBe('blocks[0].text.text: must be at most 3000 characters');
  });
});

describe('validateBlocks: one past each documented limit', () => {
  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'blocks: must have at most 50 items'],
    ['a header over 150 characters', [{ type: 'header', text: plain('h'.repeat(151)) }], 'blocks[0].text.text: must be at most 150 characters'],
    ['section text over 3000 characters', [{ type: 'divider' }, { type: 'divider' }, { type: 'divider' }, section('s'.repeat(3001))], 'blocks[3].text.text: must be at most 3000 characters'],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], 'blocks[0].fields: must have at most 10 items'],
    ['a field over 2000 characters', [{ type: 'section', fields: [mrkdwn('ok'), mrkdwn('f'.repeat(2001))] }], 'blocks[0].fields[1].text: must be at most 2000 characters'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }], 'blocks[0].elements: must have at most 10 items'],
    ['26 actions elements', [{ type: 'actions', elements: Array.from({ length: 26 }, () => button('b')) }], 'blocks[0].elements: must have at most 25 items'],
    ['a button label over 75 characters', [{ type: 'actions', elements: [button('b'.repeat(76))] }], 'blocks[0].elements[0].text.text: must be at most 75 characters'],
    ['an action_id over 255 characters', [{ type: 'actions', elements: [button('b', { action_id: 'a'.repeat(256) })] }], 'blocks[0].elements[0].action_id: must be at most 255 characters'],
    ['a block_id over 255 characters', [{ type: 'divider', block_id: 'b'.repeat(256) }], 'blocks[0].block_id: must be at most 255 characters'],
    ['a button value over 2000 characters', [{ type: 'actions', elements: [button('b', { value: 'v'.repeat(2001) })] }], 'blocks[0].elements[0].value: must be at most 2000 characters'],
    ['a confirm title over 100 characters', [{ type: 'actions', elements: [button('b', { confirm: { ...confirm, title: plain('t'.repeat(101)) } })] }], 'blocks[0].elements[0].confirm.title.text: must be at most 100 characters'],
    ['a confirm button over 30 characters', [{ type: 'actions', elements: [button('b', { confirm: { ...confirm, confirm: plain('c'.repeat(31)) } })] }], 'blocks[0].elements[0].confirm.confirm.text: must be at most 30 characters'],
  ])('given %s, when validated, then the reason names the path and the limit', (_case, blocks, reason) => {
    expect(validateBlocks(blocks)).toBe(reason);
  });
});

describe('validateBlocks: shapes Slack refuses', () => {
  it('given something other than an array, when validated, then it must be an array', () => {
    expect(validateBlocks({ type: 'section' })).toBe('blocks: must be an array');
    expect(validateBlocks('[]')).toBe('blocks: must be an array');
  });

  it('given an unknown block type, when validated, then the type is named', () => {
    expect(validateBlocks([section('ok'), { type: 'banner', text: plain('x') }])).toBe('blocks[1].type: unknown block type "banner"');
  });

  it('given a block without a type, when validated, then type is required', () => {
    expect(validateBlocks([{ text: mrkdwn('x') }])).toBe('blocks[0].type: is required');
  });

  it('given missing required fields, when validated, then each is reported as required', () => {
    expect(validateBlocks([{ type: 'header' }])).toBe('blocks[0].text: is required');
    expect(validateBlocks([{ type: 'section' }])).toBe('blocks[0].text: is required when a section has no fields');
    expect(validateBlocks([{ type: 'actions' }])).toBe('blocks[0].elements: is required');
    expect(validateBlocks([{ type: 'actions', elements: [{ type: 'button', action_id: 'a' }] }])).toBe('blocks[0].elements[0].text: is required');
    expect(validateBlocks([{ type: 'image', image_url: 'https://example.com/i.png' }])).toBe('blocks[0].alt_text: is required');
    expect(validateBlocks([{ type: 'actions', elements: [button('b', { confirm: { title: plain('t'), text: plain('x'), confirm: plain('y') } })] }])).toBe(
      'blocks[0].elements[0].confirm.deny: is required',
    );
  });

  it('given empty text or an empty elements list, when validated, then the minimum is reported', () => {
    expect(validateBlocks([section('')])).toBe('blocks[0].text.text: must be at least 1 character');
    expect(validateBlocks([{ type: 'context', elements: [] }])).toBe('blocks[0].elements: must have at least 1 item');
  });

  it('given mrkdwn where only plain_text is allowed, when validated, then plain_text is required', () => {
    expect(validateBlocks([{ type: 'header', text: mrkdwn('*Readiness*') }])).toBe('blocks[0].text.type: must be plain_text');
    expect(validateBlocks([{ type: 'actions', elements: [{ type: 'button', text: mrkdwn('*Go*') }] }])).toBe('blocks[0].elements[0].text.type: must be plain_text');
  });

  it('given a text object of another type or with the other type’s flag, when validated, then it is refused', () => {
    expect(validateBlocks([{ type: 'section', text: { type: 'markdown', text: 'x' } }])).toBe('blocks[0].text.type: must be plain_text or mrkdwn');
    expect(validateBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x', emoji: true } }])).toBe('blocks[0].text.emoji: is not a field of a mrkdwn object');
    expect(validateBlocks([{ type: 'section', text: { type: 'plain_text', text: 'x', emoji: true } }])).toBeUndefined();
  });

  it('given a field a block does not have, when validated, then it is refused by name', () => {
    expect(validateBlocks([{ type: 'divider', text: plain('x') }])).toBe('blocks[0].text: is not a field of a divider block');
    expect(validateBlocks([{ type: 'image', imageUrl: 'https://example.com/i.png', alt_text: 'x' }])).toBe('blocks[0].imageUrl: is not a field of an image block');
  });

  it('given a button style other than primary or danger, when validated, then it is refused', () => {
    expect(validateBlocks([{ type: 'actions', elements: [button('b', { style: 'success' })] }])).toBe('blocks[0].elements[0].style: must be one of primary, danger');
  });

  it('given an element that does not belong in an actions block, when validated, then it is refused', () => {
    const image = { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'x' };
    expect(validateBlocks([{ type: 'actions', elements: [image] }])).toBe('blocks[0].elements[0].type: unsupported element type "image" in an actions block');
    expect(validateBlocks([{ type: 'section', text: plain('x'), accessory: image }])).toBeUndefined();
  });

  it('given two blocks with the same block_id, when validated, then the second is refused', () => {
    expect(validateBlocks([{ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }])).toBe('blocks[1].block_id: must be unique (blocks[0] has the same)');
  });

  it('given an overflow menu with six options, when validated, then five is the limit', () => {
    const option = { text: plain('o'), value: 'v' };
    const overflow = { type: 'overflow', action_id: 'more', options: Array.from({ length: 6 }, () => option) };
    expect(validateBlocks([{ type: 'section', text: plain('x'), accessory: overflow }])).toBe('blocks[0].accessory.options: must have at most 5 items');
  });
});
