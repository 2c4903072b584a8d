import { describe, expect, it } from 'vitest';
import { fitToWidth } from '../../../src/demo/fit-to-width.js';
import { displayWidth } from '../../../src/render/slack-preview/display-width.js';

const widths = (text: string) => text.split('\n').map(displayWidth);

describe('fitToWidth', () => {
  it('leaves lines that fit exactly as they are, spacing and box drawing included', () => {
    // given
    const card = '╭────╮\n│ a  │\n╰────╯\n';
    // when
    const fitted = fitToWidth(card, 6);
    // then
    expect(fitted).toBe(card);
  });

  it('wraps a long line at spaces, and cuts a word longer than the line', () => {
    // given
    const text = 'staging runs backend 1.1.0 and 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.2.0';
    // when
    const fitted = fitToWidth(text, 20);
    // then
    expect(Math.max(...widths(fitted))).toBeLessThanOrEqual(20);
    expect(fitted.split('\n')[0]).toBe('staging runs backend');
    expect(fitted.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('counts colour codes as nothing and emoji as two columns, and keeps every line within the width', () => {
    // given: a coloured line of 44 visible columns with an emoji
    const text = `\x1b[1mbold\x1b[22m ${'✅ passed '.repeat(4)}\x1b[32mgreen\x1b[39m`;
    // when
    const fitted = fitToWidth(text, 16);
    // then
    expect(fitted.split('\n').length).toBeGreaterThan(2);
    expect(Math.max(...widths(fitted))).toBeLessThanOrEqual(16);
    expect(fitted).toContain('\x1b[1mbold');
  });
});
