import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../../src/playground/render/render-blocks.js';
import { ctx, expectInertHtml, visibleText } from './render-test-support.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const button = (text: string, actionId: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: plain(text), action_id: actionId, ...extra });
const section = (...elements: unknown[]) => ({ type: 'rich_text_section', elements });
const text = (value: string, style?: Record<string, boolean>) => ({ type: 'text', text: value, ...(style ? { style } : {}) });

describe('renderBlocks: each block type', () => {
  it('given a header, a divider and a context with text and an image, when rendered, then each is drawn in its sk- wrapper', () => {
    // when
    const { html, unknown } = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Deploy :rocket:', emoji: true } },
        { type: 'divider', block_id: 'd1' },
        { type: 'context', elements: [md('by <@U0BOB>'), { type: 'image', image_url: 'https://x.test/a.png', alt_text: 'avatar' }, plain('plain :x:')] },
      ],
      ctx,
    );

    // then
    expect(unknown).toEqual([]);
    expect(html).toBe(
      '<h3 class="sk-block sk-header">Deploy <span class="sk-emoji" role="img" aria-label=":rocket:" title=":rocket:">🚀</span></h3>' +
        '<div class="sk-block sk-divider" data-block-id="d1"><hr></div>' +
        '<div class="sk-block sk-context"><span class="sk-context-item">by <span class="sk-mention sk-mention-user">@bob</span></span>' +
        '<a class="sk-link" href="https://x.test/a.png" target="_blank" rel="noopener noreferrer"><span class="sk-image sk-context-image" role="img" aria-label="avatar">🖼️ avatar</span></a>' +
        '<span class="sk-context-item">plain <span class="sk-emoji" role="img" aria-label=":x:" title=":x:">❌</span></span></div>',
    );
  });

  it('given plain_text with emoji: false, when rendered, then its shortcodes stay as typed', () => {
    // when
    const { html } = renderBlocks([{ type: 'header', text: { type: 'plain_text', text: 'Deploy :rocket:', emoji: false } }], ctx);

    // then
    expect(html).toBe('<h3 class="sk-block sk-header">Deploy :rocket:</h3>');
  });

  it('given a section with text, fields and a button accessory, when rendered, then the button carries the section’s block id', () => {
    // when
    const { html, unknown } = renderBlocks([{ type: 'section', block_id: 's1', text: md('*Title*'), fields: [md('*A*\n1'), plain('B')], accessory: button('Open', 'open', { value: 'v1' }) }], ctx);

    // then
    expect(unknown).toEqual([]);
    expect(html).toBe(
      '<div class="sk-block sk-section" data-block-id="s1"><div class="sk-section-main"><div class="sk-section-text"><b>Title</b></div>' +
        '<div class="sk-fields"><div class="sk-field"><b>A</b><br>1</div><div class="sk-field">B</div></div></div>' +
        '<div class="sk-accessory"><button type="button" class="sk-button" data-action-id="open" data-block-id="s1" data-value="v1">Open</button></div></div>',
    );
  });

  it('given an actions block with a url button and a button without value or block id, when rendered, then the url button is a link and absent attributes are left out', () => {
    // when
    const { html } = renderBlocks([{ type: 'actions', elements: [button('Logs', 'logs', { url: 'https://ci.test/42', style: 'primary' }), button('Retry', 'retry', { accessibility_label: 'Retry the build' })] }], ctx);

    // then
    expect(html).toBe(
      '<div class="sk-block sk-actions" role="group">' +
        '<a href="https://ci.test/42" target="_blank" rel="noopener noreferrer" class="sk-button sk-primary" data-action-id="logs">Logs</a>' +
        '<button type="button" class="sk-button" data-action-id="retry" aria-label="Retry the build">Retry</button></div>',
    );
  });

  it('given an image block with a title, when rendered, then its alt text is shown (never fetched) with the title as caption', () => {
    // when
    const { html } = renderBlocks([{ type: 'image', image_url: 'https://x.test/chart.png', alt_text: 'error rate', title: plain('Errors') }], ctx);

    // then
    expect(html).not.toContain('<img');
    expect(visibleText(html)).toBe('🖼️ error rateErrors');
    expect(html).toContain('<figcaption>Errors</figcaption>');
  });
});

describe('renderBlocks: rich_text', () => {
  it('given a rich text section with every inline element, when rendered, then styles nest and mentions show names', () => {
    // given
    const block = {
      type: 'rich_text',
      elements: [
        section(
          text('bold ', { bold: true }),
          text('it', { italic: true, strike: true }),
          text(' x', { code: true }),
          text(' u', { underline: true }),
          { type: 'link', url: 'https://x.test', text: 'site' },
          { type: 'link', url: 'https://y.test' },
          { type: 'user', user_id: 'U0ALICE' },
          { type: 'user', user_id: 'U0NOBODY' },
          { type: 'channel', channel_id: 'C0RELEASES' },
          { type: 'usergroup', usergroup_id: 'S0RELEASE' },
          { type: 'broadcast', range: 'here' },
          { type: 'emoji', name: 'white_check_mark' },
          { type: 'emoji', name: 'thumbsup', unicode: '1f44d-1f3fb' },
          { type: 'emoji', name: 'partyparrot' },
          { type: 'date', timestamp: 1_763_647_200, format: '{date_short}' },
          { type: 'date', timestamp: 1_763_647_200, format: '{date_short}', fallback: 'Nov 20' },
          text('line\nbreak'),
        ),
      ],
    };

    // when
    const { html, unknown } = renderBlocks([block], ctx);

    // then
    expect(unknown).toEqual([]);
    expect(html).toContain('<b>bold </b><s><i>it</i></s><code class="sk-code"> x</code><u> u</u>');
    expect(html).toContain('<a class="sk-link" href="https://x.test" target="_blank" rel="noopener noreferrer">site</a>');
    expect(html).toContain('>https://y.test</a>');
    expect(visibleText(html)).toContain('@alice@U0NOBODY#releases@release-managers@here✅👍🏻:partyparrot:2025-11-20 14:00 UTCNov 20line\nbreak');
    expectInertHtml(html);
  });

  it('given lists, preformatted text and a quote, when rendered, then they are <ol>/<ul>, <pre> and <blockquote>', () => {
    // given
    const block = {
      type: 'rich_text',
      elements: [
        { type: 'rich_text_list', style: 'ordered', offset: 2, indent: 1, elements: [section(text('third')), section(text('fourth'))] },
        { type: 'rich_text_list', style: 'bullet', border: 1, elements: [section(text('dot'))] },
        { type: 'rich_text_preformatted', elements: [text('a\n  b')] },
        { type: 'rich_text_quote', elements: [text('quoted')] },
      ],
    };

    // when
    const { html, unknown } = renderBlocks([block], ctx);

    // then
    expect(unknown).toEqual([]);
    expect(html).toBe(
      '<div class="sk-block sk-rich-text"><ol class="sk-rt-list sk-rt-indent-1" start="3"><li>third</li><li>fourth</li></ol>' +
        '<ul class="sk-rt-list sk-rt-indent-0 sk-rt-border"><li>dot</li></ul>' +
        '<pre class="sk-pre">a\n  b</pre><blockquote class="sk-quote">quoted</blockquote></div>',
    );
  });
});

describe('renderBlocks: what it does not know', () => {
  it('given unknown block, element and rich text types, when rendered, then each is listed once and shown as a placeholder, and the rest still renders', () => {
    // given
    const blocks = [
      { type: 'video', title: plain('t') },
      { type: 'actions', elements: [{ type: 'datepicker', action_id: 'd' }, button('Go', 'go')] },
      { type: 'section', text: md('x'), accessory: { type: 'overflow', action_id: 'o', options: [] } },
      { type: 'rich_text', elements: [section({ type: 'color', value: '#f00' }), { type: 'rich_text_table' }, { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'other' }] }] },
      { type: 'video' },
      { type: 'context', elements: [{ type: 'emoji_text', text: 'x' }] },
    ];

    // when
    const { html, unknown } = renderBlocks(blocks, ctx);

    // then
    expect(unknown).toEqual(['block:video', 'element:datepicker', 'element:overflow', 'rich_text:color', 'rich_text:rich_text_table', 'rich_text:other', 'element:emoji_text']);
    expect(html.match(/<div class="sk-unknown">unsupported block: video<\/div>/g)).toHaveLength(2);
    expect(html).toContain('<span class="sk-unknown">unsupported element: datepicker</span><button type="button" class="sk-button" data-action-id="go">Go</button>');
    expect(html).toContain('<span class="sk-unknown">unsupported rich text element: color</span>');
    expect(html).toContain('<div class="sk-unknown">unsupported rich text element: rich_text_table</div>');
  });

  it('given values that are not blocks (null, a string, an array, a block without type), when rendered, then each is an unknown block and nothing throws', () => {
    // when
    const { html, unknown } = renderBlocks([null, 'header', [], {}], ctx);

    // then
    expect(unknown).toEqual(['block:(no type)']);
    expect(html.match(/unsupported block: \(no type\)/g)).toHaveLength(4);
  });

  it('given no blocks, when rendered, then the HTML is empty and nothing is unknown', () => {
    // when / then
    expect(renderBlocks([], ctx)).toEqual({ html: '', unknown: [] });
  });
});

describe('renderBlocks: long text', () => {
  it('given a 5,000-character mrkdwn section and a 5,000-character plain text, when rendered, then every character is drawn, none cut', () => {
    // given
    const long = `${'*bold* '.repeat(400)}${'x'.repeat(2_200)}`;
    expect(long).toHaveLength(5_000);
    const plainLong = `${'<&>'.repeat(1_000)}${'y'.repeat(2_000)}`;

    // when
    const { html, unknown } = renderBlocks([{ type: 'section', text: md(long) }, { type: 'section', text: plain(plainLong) }], ctx);

    // then
    expect(unknown).toEqual([]);
    expect(html.match(/<b>bold<\/b>/g)).toHaveLength(400);
    expect(html).toContain('x'.repeat(2_200));
    expect(visibleText(html)).toContain(plainLong);
    expectInertHtml(html);
  });
});
