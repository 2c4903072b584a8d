import { describe, expect, it } from 'vitest';
import { renderMrkdwn } from '../../../../src/playground/render/render-blocks.js';
import { ctx, expectInertHtml, visibleText } from './render-test-support.js';

const emoji = (name: string, glyph: string): string => `<span class="sk-emoji" role="img" aria-label=":${name}:" title=":${name}:">${glyph}</span>`;
const link = (href: string, label: string): string => `<a class="sk-link" href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>`;
const mention = (kind: string, shown: string): string => `<span class="sk-mention sk-mention-${kind}">${shown}</span>`;

describe('renderMrkdwn: formatting', () => {
  it.each([
    ['*bold*', '<b>bold</b>'],
    ['_italic_', '<i>italic</i>'],
    ['~strike~', '<s>strike</s>'],
    ['`code`', '<code class="sk-code">code</code>'],
    ['a *bold* word', 'a <b>bold</b> word'],
    ['(*bold*), _it_.', '(<b>bold</b>), <i>it</i>.'],
    ['*bold _and italic_ inside*', '<b>bold <i>and italic</i> inside</b>'],
    ['_*both*_', '<i><b>both</b></i>'],
    ['~*struck bold*~', '<s><b>struck bold</b></s>'],
    ['*a *b*', '<b>a *b</b>'],
  ])('given %j, when rendered, then it is %j', (text, html) => {
    // when / then
    expect(renderMrkdwn(text, ctx)).toBe(html);
  });

  it.each([
    ['snake_case_name', 'snake_case_name'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['a * not bold*', 'a * not bold*'],
    ['*not bold *', '*not bold *'],
    ['**', '**'],
    ['*one\nline*', '*one<br>line*'],
    ['`*not bold* in code`', '<code class="sk-code">*not bold* in code</code>'],
    ['a \u200b*\u200b fenced \u200b*\u200b mark', 'a \u200b*\u200b fenced \u200b*\u200b mark'],
    ['\u200b*zero-width space before*', '\u200b*zero-width space before*'],
    ['*zero-width space after*\u200b', '*zero-width space after*\u200b'],
    ['*\u200bzero-width space inside*', '*\u200bzero-width space inside*'],
    ['*zero-width space inside\u200b*', '*zero-width space inside\u200b*'],
    ['x*y*z', 'x*y*z'],
    ['``', '``'],
    ['<>', '&lt;&gt;'],
  ])('given %j, where Slack formats nothing, when rendered, then its marks stay as typed: %j', (text, html) => {
    // when / then
    expect(renderMrkdwn(text, ctx)).toBe(html);
  });

  it('given a ```preformatted``` block between lines, when rendered, then it is a <pre> with nothing formatted inside and no extra blank lines around it', () => {
    // given
    const text = 'Before\n```\n✅ login  *POST*  200\n❌ me     GET   500\n```\nAfter';

    // when
    const html = renderMrkdwn(text, ctx);

    // then
    expect(html).toBe('Before<pre class="sk-pre">✅ login  *POST*  200\n❌ me     GET   500</pre>After');
  });

  it('given a preformatted block without newlines at its edges, when rendered, then its inner newlines stay', () => {
    // when / then
    expect(renderMrkdwn('```a\nb```', ctx)).toBe('<pre class="sk-pre">a\nb</pre>');
  });

  it('given blank lines before, between and after text around a preformatted block, when rendered, then only the newline touching the block is dropped', () => {
    // when / then
    expect(renderMrkdwn('\ntop\n```p```\n\nbottom\n', ctx)).toBe('<br>top<pre class="sk-pre">p</pre><br>bottom<br>');
    expect(renderMrkdwn('```p```a\nb', ctx)).toBe('<pre class="sk-pre">p</pre>a<br>b');
  });

  it('given a quote without a space after >, when rendered, then the text keeps its own spaces', () => {
    // when / then
    expect(renderMrkdwn('>a b\n>>>c d', ctx)).toBe('<blockquote class="sk-quote">a b<br>c d</blockquote>');
  });

  it('given quoted lines and a >>> quote, when rendered, then each run of quoted lines is one blockquote and >>> quotes the rest', () => {
    // when
    const html = renderMrkdwn('> first\n>second\nplain\n>>> rest\nof it', ctx);

    // then
    expect(html).toBe('<blockquote class="sk-quote">first<br>second</blockquote>plain<blockquote class="sk-quote">rest<br>of it</blockquote>');
  });

  it('given &gt; at a line start (an escaped >), when rendered, then it is a > character, not a quote', () => {
    // when / then
    expect(renderMrkdwn('&gt; not a quote', ctx)).toBe('&gt; not a quote');
  });

  it('given newlines, when rendered, then each becomes a line break', () => {
    // when / then
    expect(renderMrkdwn('one\ntwo\n\nfour', ctx)).toBe('one<br>two<br><br>four');
  });
});

describe('renderMrkdwn: links, mentions, entities and emoji', () => {
  it.each([
    ['<https://ci.example/builds/42|build 42>', link('https://ci.example/builds/42', 'build 42')],
    ['<https://ci.example/builds/42>', link('https://ci.example/builds/42', 'https://ci.example/builds/42')],
    ['<http://x.test/?a=1&amp;b=2>', link('http://x.test/?a=1&amp;b=2', 'http://x.test/?a=1&amp;b=2')],
    ['<mailto:ops@shop.test|mail ops>', link('mailto:ops@shop.test', 'mail ops')],
    ['<mailto:ops@shop.test>', link('mailto:ops@shop.test', 'ops@shop.test')],
    ['<MAILTO:ops@shop.test>', link('MAILTO:ops@shop.test', 'ops@shop.test')],
    ['<https://x.test/mailto:y>', link('https://x.test/mailto:y', 'https://x.test/mailto:y')],
    ['<https://x.test|>', link('https://x.test', 'https://x.test')],
    ['*<https://x.test|bold link>*', `<b>${link('https://x.test', 'bold link')}</b>`],
  ])('given the link %j, when rendered, then it opens in a new tab: %j', (text, html) => {
    // when / then
    expect(renderMrkdwn(text, ctx)).toBe(html);
  });

  it.each([
    ['GET https://127.0.0.1:8443/health answered 503.', `GET ${link('https://127.0.0.1:8443/health', 'https://127.0.0.1:8443/health')} answered 503.`],
    ['(see http://x.test/a_b_c)', `(see ${link('http://x.test/a_b_c', 'http://x.test/a_b_c')})`],
    ['http://x.test/?a=1&amp;b=2, then', `${link('http://x.test/?a=1&amp;b=2', 'http://x.test/?a=1&amp;b=2')}, then`],
    ['*https://x.test*', `<b>${link('https://x.test', 'https://x.test')}</b>`],
    ['xhttps://x.test', 'xhttps://x.test'],
    ['(see https://x.test).', `(see ${link('https://x.test', 'https://x.test')}).`],
    ['`https://x.test`', '<code class="sk-code">https://x.test</code>'],
  ])('given the bare URL in %j, when rendered, then Slack links it as %j', (text, html) => {
    // when / then
    expect(renderMrkdwn(text, ctx)).toBe(html);
  });

  it('given a bare URL in verbatim mrkdwn, when rendered, then it stays text', () => {
    // when / then
    expect(renderMrkdwn('see https://x.test', ctx, { verbatim: true })).toBe('see https://x.test');
  });

  it.each([
    ['<@U0ALICE>', mention('user', '@alice')],
    ['<@U0ALICE|someone>', mention('user', '@alice')],
    ['<@U0NOBODY>', mention('user', '@U0NOBODY')],
    ['<@U0NOBODY|dave>', mention('user', '@dave')],
    ['<#C0RELEASES>', mention('channel', '#releases')],
    ['<#C0OTHER|general>', mention('channel', '#general')],
    ['<!subteam^S0RELEASE>', mention('usergroup', '@release-managers')],
    ['<!subteam^S0OTHER|@oncall>', mention('usergroup', '@oncall')],
    ['<!subteam^S0OTHER|@on@call>', mention('usergroup', '@on@call')],
    ['<!subteam^S0OTHER|on@call>', mention('usergroup', '@on@call')],
    ['<!here>', mention('broadcast', '@here')],
    ['<!channel>', mention('broadcast', '@channel')],
    ['<!everyone>', mention('broadcast', '@everyone')],
    ['<!date^1392734382^{date_num} {time}|2014-02-18 6:39 AM>', '2014-02-18 6:39 AM'],
    ['<!date^1392734382^{date_num}>', '2014-02-18 14:39 UTC'],
    ['<!date^never^{date_num}>', ''],
    ['<!unknowncommand|shown label>', 'shown label'],
    ['<!unknowncommand>', '&lt;!unknowncommand&gt;'],
  ])('given %j, when rendered, then Slack shows %j', (text, html) => {
    // when / then
    expect(renderMrkdwn(text, ctx)).toBe(html);
  });

  it('given Slack entities, when rendered, then they show as the characters they stand for, once decoded (&amp;lt; stays "&lt;")', () => {
    // when
    const html = renderMrkdwn('a &lt;b&gt; &amp; c &amp;lt;', ctx);

    // then
    expect(html).toBe('a &lt;b&gt; &amp; c &amp;lt;');
    expect(visibleText(html)).toBe('a <b> & c &lt;');
  });

  it.each([
    ['x', '❌'],
    ['white_check_mark', '✅'],
    ['hourglass_flowing_sand', '⏳'],
    ['warning', '⚠️'],
    ['leftwards_arrow_with_hook', '↩️'],
    ['lock', '🔒'],
    ['no_entry', '⛔'],
    ['rocket', '🚀'],
    ['red_circle', '🔴'],
    ['large_green_circle', '🟢'],
  ])('given the shortcode :%s: shipmate uses, when rendered, then it is the emoji %s', (name, glyph) => {
    // when / then
    expect(renderMrkdwn(`:${name}: done`, ctx)).toBe(`${emoji(name, glyph)} done`);
  });

  it('given an unknown shortcode, an ARN and a time, when rendered, then they stay as typed', () => {
    // when / then
    expect(renderMrkdwn(':shipit: arn:aws:iam::1:role/x at 14:00 UTC :x:', ctx)).toBe(`:shipit: arn:aws:iam::1:role/x at 14:00 UTC ${emoji('x', '❌')}`);
  });

  it('given a shortcode inside `code`, when rendered, then it stays text, as in Slack', () => {
    // when / then
    expect(renderMrkdwn('`:x:`', ctx)).toBe('<code class="sk-code">:x:</code>');
  });

  it('given a mention and emoji inside bold, when rendered, then all are drawn inside the bold', () => {
    // when
    const html = renderMrkdwn('*:lock: locked by <@U0BOB>*', ctx);

    // then
    expect(html).toBe(`<b>${emoji('lock', '🔒')} locked by ${mention('user', '@bob')}</b>`);
    expectInertHtml(html);
  });

  it('given a context with no name for anything, when rendered, then ids are shown and inherited properties are not names', () => {
    // given
    const empty = { users: {}, channels: {}, usergroups: {} };

    // when / then
    expect(renderMrkdwn('<@constructor> <#toString> <!subteam^__proto__>', empty)).toBe(
      `${mention('user', '@constructor')} ${mention('channel', '#toString')} ${mention('usergroup', '@__proto__')}`,
    );
  });
});
