import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../../src/playground/render/render-blocks.js';
import { ctx } from './render-test-support.js';

const plain = (text: string, emoji?: boolean) => ({ type: 'plain_text', text, ...(emoji === undefined ? {} : { emoji }) });
const md = (text: string, verbatim?: boolean) => ({ type: 'mrkdwn', text, ...(verbatim === undefined ? {} : { verbatim }) });
const rich = (...elements: unknown[]) => ({ type: 'rich_text', elements });
const html = (blocks: unknown[]): string => renderBlocks(blocks, ctx).html;

describe('renderBlocks: sections and text objects, exactly', () => {
  it('given a section with text only and one with fields only, when rendered, then neither has an empty wrapper for what it lacks', () => {
    // when / then
    expect(html([{ type: 'section', text: md('only text') }])).toBe('<div class="sk-block sk-section"><div class="sk-section-main"><div class="sk-section-text">only text</div></div></div>');
    expect(html([{ type: 'section', fields: [md('f')] }])).toBe('<div class="sk-block sk-section"><div class="sk-section-main"><div class="sk-fields"><div class="sk-field">f</div></div></div></div>');
  });

  it('given plain_text fields with newlines, an unknown shortcode and emoji: false, when rendered, then lines break, unknown shortcodes stay and emoji: false keeps every shortcode', () => {
    // when
    const out = html([{ type: 'context', elements: [plain('a :shipit: :x:\nb'), plain(':x: stays', false)] }]);

    // then
    expect(out).toBe(
      '<div class="sk-block sk-context"><span class="sk-context-item">a :shipit: <span class="sk-emoji" role="img" aria-label=":x:" title=":x:">❌</span><br>b</span><span class="sk-context-item">:x: stays</span></div>',
    );
  });

  it('given verbatim mrkdwn, when rendered in a section, then its bare URL stays text while a default one is linked', () => {
    // when
    const out = html([{ type: 'section', fields: [md('https://x.test', true), md('https://x.test')] }]);

    // then
    expect(out).toContain(
      '<div class="sk-fields"><div class="sk-field">https://x.test</div><div class="sk-field"><a class="sk-link" href="https://x.test" target="_blank" rel="noopener noreferrer">https://x.test</a></div></div>',
    );
  });

  it('given text objects without text and one of an unknown type, when rendered, then they are empty and an inline placeholder', () => {
    // when
    const { html: out, unknown } = renderBlocks([{ type: 'header' }, { type: 'context', elements: [{ type: 'mrkdwn' }, { type: 'plain_text' }, { type: 'markdown', text: 'x' }] }], ctx);

    // then
    expect(unknown).toEqual(['element:markdown']);
    expect(out).toBe(
      '<h3 class="sk-block sk-header"></h3><div class="sk-block sk-context"><span class="sk-context-item"></span><span class="sk-context-item"></span><span class="sk-context-item"><span class="sk-unknown">unsupported element: markdown</span></span></div>',
    );
  });
});

describe('renderBlocks: buttons and images, exactly', () => {
  it('given a button with a style Block Kit does not have and fields that are not strings, when rendered, then it is a plain button without those attributes', () => {
    // when / then
    expect(html([{ type: 'actions', elements: [{ type: 'button', text: plain('Go'), action_id: 7, value: 42, style: 'constructor', url: 42 }] }])).toBe(
      '<div class="sk-block sk-actions" role="group"><button type="button" class="sk-button">Go</button></div>',
    );
    expect(html([{ type: 'actions', elements: [{ type: 'button', text: plain('Open'), action_id: 'open', url: ['https://x.test'] }] }])).toBe(
      '<div class="sk-block sk-actions" role="group"><button type="button" class="sk-button" data-action-id="open">Open</button></div>',
    );
  });

  it('given an image accessory, an image without alt text or URL and an image block without title, when rendered, then each shows its alt text (or nothing) and only a safe URL becomes a link', () => {
    // when
    const out = html([
      { type: 'section', text: md('t'), accessory: { type: 'image', image_url: 'https://x.test/i.png', alt_text: 'icon' } },
      { type: 'image', alt_text: 'no url' },
      { type: 'context', elements: [{ type: 'image' }] },
    ]);

    // then
    expect(out).toBe(
      '<div class="sk-block sk-section"><div class="sk-section-main"><div class="sk-section-text">t</div></div><div class="sk-accessory"><a class="sk-link" href="https://x.test/i.png" target="_blank" rel="noopener noreferrer"><span class="sk-image" role="img" aria-label="icon">🖼️ icon</span></a></div></div>' +
        '<figure class="sk-block sk-image-block"><span class="sk-image" role="img" aria-label="no url">🖼️ no url</span></figure>' +
        '<div class="sk-block sk-context"><span class="sk-image sk-context-image" role="img" aria-label="">🖼️ </span></div>',
    );
  });
});

describe('renderBlocks: rich text, exactly', () => {
  it('given a section, text with a newline and elements missing their fields, when rendered, then the section is a div, newlines break and missing values are empty', () => {
    // when
    const out = html([rich({ type: 'rich_text_section', elements: [{ type: 'text', text: 'a\nb' }, { type: 'text' }, { type: 'user' }, { type: 'emoji' }, { type: 'date', timestamp: 'soon' }, { type: 'link', url: 'https://x.test', text: '' }] })]);

    // then
    expect(out).toBe(
      '<div class="sk-block sk-rich-text"><div class="sk-rt-section">a<br>b<span class="sk-mention sk-mention-user">@</span>::<a class="sk-link" href="https://x.test" target="_blank" rel="noopener noreferrer">https://x.test</a></div></div>',
    );
  });

  it.each([
    ['1f680', '🚀'],
    ['zz', '👍'],
    ['1f680-', '👍'],
    ['x1f680', '👍'],
    ['110000', '👍'],
    ['1f44d-110000', '👍'],
    ['1f680x', '👍'],
    ['', '👍'],
    ['10ffff', '\u{10ffff}'],
    ['1f44d-1f3fb', '👍🏻'],
  ])('given an emoji element with unicode %j, when rendered, then it shows %s (its name’s emoji when the code points are not valid)', (unicode, glyph) => {
    // when / then
    expect(html([rich({ type: 'rich_text_section', elements: [{ type: 'emoji', name: 'thumbsup', unicode }] })])).toBe(
      `<div class="sk-block sk-rich-text"><div class="sk-rt-section"><span class="sk-emoji" role="img" aria-label=":thumbsup:" title=":thumbsup:">${glyph}</span></div></div>`,
    );
  });

  it('given a bullet list with an offset, an ordered list without one and an unknown list item, when rendered, then only an offset ordered list gets a start and the item is an inline placeholder', () => {
    // when
    const { html: out, unknown } = renderBlocks(
      [
        rich(
          { type: 'rich_text_list', style: 'bullet', offset: 3, elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'a' }] }] },
          { type: 'rich_text_list', style: 'ordered', elements: [{ type: 'image' }] },
        ),
      ],
      ctx,
    );

    // then
    expect(unknown).toEqual(['rich_text:image']);
    expect(out).toBe(
      '<div class="sk-block sk-rich-text"><ul class="sk-rt-list sk-rt-indent-0"><li>a</li></ul><ol class="sk-rt-list sk-rt-indent-0"><li><span class="sk-unknown">unsupported rich text element: image</span></li></ol></div>',
    );
  });
});

describe('renderBlocks: input that is not a list of blocks', () => {
  it('given a value that is not an array, when rendered, then nothing is drawn and nothing throws', () => {
    // when / then
    expect(renderBlocks({ type: 'header' } as unknown as unknown[], ctx)).toEqual({ html: '', unknown: [] });
  });

  it('given a block with an empty type, when rendered, then it is listed as having no type', () => {
    // when / then
    expect(renderBlocks([{ type: '' }], ctx)).toEqual({ html: '<div class="sk-unknown">unsupported block: (no type)</div>', unknown: ['block:(no type)'] });
  });
});
