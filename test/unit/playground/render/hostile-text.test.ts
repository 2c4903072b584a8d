import { describe, expect, it } from 'vitest';
import { renderBlocks, renderMrkdwn } from '../../../../src/playground/render/render-blocks.js';
import { HOSTILE_STRINGS } from '../../../support/hostile-text.js';
import { ctx, expectInertHtml, visibleText } from './render-test-support.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const plainHeader = (text: string): unknown => ({ type: 'header', text: { type: 'plain_text', text } });
const mrkdwnSection = (text: string): unknown => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('hostile text is inert', () => {
  it.each([
    ['a raw script tag', SCRIPT, '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a script tag escaped as Slack requires', '&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an attribute breakout with an onerror image', IMG, '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['a javascript: link with a label', '<javascript:alert(1)|click>', 'click'],
    ['a bare javascript: link', '<javascript:alert(1)>', 'javascript:alert(1)'],
    ['a mixed-case javascript: link', '<JaVaScRiPt:alert(1)|click>', 'click'],
    ['a data: link', '<data:text/html,<b>x</b>|x>', 'data:text/html,&lt;bx&lt;/b&gt;|x&gt;'],
    ['a vbscript: link', '<vbscript:msgbox(1)|run>', 'run'],
    ['a link whose URL breaks out of its attribute', '<https://x.test/"onmouseover="alert(1)|x>', '<a class="sk-link" href="https://x.test/&quot;onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">x</a>'],
    ['a link label holding markup', '<https://x.test|<img src=x onerror=alert(1)>>', '<a class="sk-link" href="https://x.test" target="_blank" rel="noopener noreferrer">&lt;img src=x onerror=alert(1)</a>&gt;'],
    ['a mention label holding markup', `<@U0NOBODY|${SCRIPT}>`, '<span class="sk-mention sk-mention-user">@&lt;script</span>alert(1)&lt;/script&gt;&gt;'],
    ['a single quote', "it's", 'it&#39;s'],
  ])('given mrkdwn with %s, when rendered, then the output is exactly the escaped text and inert', (_what, text, html) => {
    // when
    const rendered = renderMrkdwn(text, ctx);

    // then
    expect(rendered).toBe(html);
    expectInertHtml(rendered);
  });

  it.each([
    ['a script tag', SCRIPT, '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an attribute breakout', IMG, '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ['Slack entities (plain_text is not mrkdwn)', '&lt;b&gt; *not bold* <https://x.test|no link>', '&amp;lt;b&amp;gt; *not bold* &lt;https://x.test|no link&gt;'],
  ])('given a plain_text header with %s, when rendered, then it is the escaped text, not markup', (_what, text, inner) => {
    // when
    const { html } = renderBlocks([plainHeader(text)], ctx);

    // then
    expect(html).toBe(`<h3 class="sk-block sk-header">${inner}</h3>`);
    expectInertHtml(html);
  });

  it('given a button whose action, value, block id and confirm texts break out of attributes, when rendered, then each stays inside its quoted attribute and the confirm JSON reads back unchanged', () => {
    // given
    const confirm = {
      title: { type: 'plain_text', text: `Sure? ${IMG}` },
      text: { type: 'mrkdwn', text: `"'><script>alert(1)</script> *really*?` },
      confirm: { type: 'plain_text', text: 'Yes"' },
      deny: { type: 'plain_text', text: "No'" },
      style: 'danger',
    };
    const block = {
      type: 'actions',
      block_id: `b"${SCRIPT}`,
      elements: [{ type: 'button', text: { type: 'plain_text', text: IMG }, action_id: `a" onclick="alert(1)`, value: `v"><script>alert(1)</script>`, style: 'danger', confirm }],
    };

    // when
    const { html } = renderBlocks([block], ctx);

    // then
    expect(html).toContain(
      '<button type="button" class="sk-button sk-danger" data-action-id="a&quot; onclick=&quot;alert(1)" data-block-id="b&quot;&lt;script&gt;alert(1)&lt;/script&gt;" data-value="v&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" data-confirm="',
    );
    expect(html).toContain('>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</button>');
    expectInertHtml(html);
    const data = /data-confirm="([^"]*)"/.exec(html)![1]!;
    expect(JSON.parse(visibleText(data))).toEqual(confirm);
  });

  it.each([
    ['a javascript: url button', { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, action_id: 'open', url: 'javascript:alert(1)' }] }],
    ['a javascript: image', { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'chart' }],
    ['a javascript: rich text link', { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: 'javascript:alert(1)', text: 'click' }] }] }],
    ['a javascript: rich text date link', { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'date', timestamp: 0, format: '{date}', url: 'javascript:alert(1)', fallback: 'then' }] }] }],
  ])('given %s, when rendered, then no link is made and the HTML is inert', (_what, block) => {
    // when
    const { html, unknown } = renderBlocks([block], ctx);

    // then
    expect(unknown).toEqual([]);
    expect(html).not.toContain('href=');
    expect(html).not.toMatch(/<a /);
    expectInertHtml(html);
  });

  it('given a block whose type is markup, when rendered, then the placeholder shows it escaped and unknown names it as sent', () => {
    // when
    const { html, unknown } = renderBlocks([{ type: '<img src=x onerror=alert(1)>' }], ctx);

    // then
    expect(html).toBe('<div class="sk-unknown">unsupported block: &lt;img src=x onerror=alert(1)&gt;</div>');
    expect(unknown).toEqual(['block:<img src=x onerror=alert(1)>']);
    expectInertHtml(html);
  });

  it.each(HOSTILE_STRINGS.map(([label, text]) => [label, text] as const))('given the suite’s hostile string "%s" as mrkdwn and as plain_text, when rendered, then the HTML is inert', (_label, text) => {
    // when
    const { html, unknown } = renderBlocks([plainHeader(text), mrkdwnSection(text), { type: 'context', elements: [{ type: 'mrkdwn', text }, { type: 'plain_text', text }] }], ctx);

    // then
    expect(unknown).toEqual([]);
    expectInertHtml(html);
  });
});
