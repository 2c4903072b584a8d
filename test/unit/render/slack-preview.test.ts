import { describe, expect, it } from 'vitest';
import { actions, button, context, divider, fieldsSection, header, section } from '../../../src/adapters/slack/blocks/builders.js';
import { escapeMrkdwn } from '../../../src/adapters/slack/blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../../src/adapters/slack/blocks/slack-message.js';
import { renderNote } from '../../../src/adapters/slack/render/note.js';
import { renderReadinessCard } from '../../../src/adapters/slack/render/readiness-card.js';
import { rich } from '../../../src/domain/text/rich-text.js';
import { previewSlackMessage } from '../../../src/render/slack-preview.js';
import { displayWidth } from '../../../src/render/slack-preview/display-width.js';
import { brokenReport } from '../slack/readiness-reports.js';

const plain = { color: false, width: 48 };
/** The card's inside, without its border, trailing padding removed. */
const inside = (preview: string) =>
  preview
    .trimEnd()
    .split('\n')
    .slice(1, -1)
    .map((line) => line.slice(2, -2).trimEnd());

describe('previewSlackMessage', () => {
  it('draws a small approval card as Slack would show it', () => {
    // given
    const message: SlackMessage = {
      text: 'Deploy backend 1.2.0 to production?',
      blocks: [
        header('Deploy request'),
        section('<@U123> asks to deploy *backend* `1.2.0` to _production_ :rocket:'),
        divider(),
        actions(button('Approve', 'approve', { style: 'primary' }), button('Reject', 'reject', { style: 'danger' })),
        context('expires in 30 min'),
      ],
    };
    // when
    const preview = previewSlackMessage(message, plain);
    // then
    expect(preview).toBe(
      [
        '╭──────────────────────────────────────────────╮',
        '│ Deploy request                               │',
        '│                                              │',
        '│ @U123 asks to deploy backend `1.2.0` to      │',
        '│ production 🚀                                │',
        '│ ──────────────────────────────────────────── │',
        '│ [ Approve ]  [ Reject ]                      │',
        '│                                              │',
        '│ expires in 30 min                            │',
        '╰──────────────────────────────────────────────╯',
        '',
      ].join('\n'),
    );
  });

  it('keeps every line of the card the same width, emoji included', () => {
    const preview = previewSlackMessage({ text: '', blocks: [section(':white_check_mark: :x: :warning: done')] }, plain);
    const widths = new Set(preview.trimEnd().split('\n').map(displayWidth));
    expect([...widths]).toEqual([48]);
  });

  it('turns the shortcodes shipmate uses into emoji and leaves unknown ones as typed', () => {
    const text = ':white_check_mark: :x: :warning: :red_circle: :large_green_circle: :large_yellow_circle: :grey_question: :shipit:';
    const [line] = inside(previewSlackMessage({ text: '', blocks: [section(text)] }, { color: false, width: 80 }));
    expect(line).toBe('✅ ❌ ⚠️ 🔴 🟢 🟡 ❔ :shipit:');
  });

  it('puts fields in two columns, wrapping within each', () => {
    // when
    const lines = inside(
      previewSlackMessage({ text: '', blocks: [fieldsSection(['*Passed*\n80', '*Failing*\n11', '*Skipped*\nnone of the checks at all'])] }, plain),
    );
    // then
    expect(lines).toEqual(['Passed                 Failing', '80                     11', '', 'Skipped', 'none of the checks at', 'all']);
  });

  it('renders links as their label with the address, and mentions by name', () => {
    const [line] = inside(
      previewSlackMessage({ text: '', blocks: [section('see <https://ci.example/run/7|the build> or <https://x.example> in <#C1|releases> <!here>')] }, { color: false, width: 120 }),
    );
    expect(line).toBe('see the build (https://ci.example/run/7) or https://x.example in #releases @here');
  });

  it('shows escaped text as the user typed it, with no formatting', () => {
    const preview = previewSlackMessage({ text: '', blocks: [section(escapeMrkdwn('<script> & *not bold* _nor this_'))] }, { color: true, width: 60 });
    expect(preview).toContain(' <script> & *not bold* _nor this_ ');
    expect(preview).not.toMatch(/\x1b\[[13]m/);
  });

  it('styles bold, italic, code and context when color is on, and closes every style before the border', () => {
    // when
    const preview = previewSlackMessage({ text: '', blocks: [section('*b* _i_ `c`'), context('small *print*')] }, { color: true, width: 40 });
    // then
    expect(preview).toContain('\x1b[1mb\x1b[22m \x1b[3mi\x1b[23m \x1b[36mc\x1b[39m');
    expect(preview).toContain('\x1b[2msmall \x1b[1mprint\x1b[22m\x1b[2m\x1b[22m');
    for (const line of preview.trimEnd().split('\n')) expect(displayWidth(line)).toBe(40);
  });

  it('wraps a long styled line and re-opens its style on the next line', () => {
    const lines = previewSlackMessage({ text: '', blocks: [section(`*${'word '.repeat(12).trim()}*`)] }, { color: true, width: 30 })
      .trimEnd()
      .split('\n')
      .slice(1, -1);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toContain('\x1b[1mword');
    expect(lines[0]).toContain('\x1b[0m');
    expect(lines[1]).toMatch(/^\x1b\[90m│\x1b\[39m \x1b\[1mword/);
  });

  it('hard-breaks a word longer than the card', () => {
    const lines = inside(previewSlackMessage({ text: '', blocks: [section('x'.repeat(100))] }, plain));
    expect(lines).toEqual(['x'.repeat(44), 'x'.repeat(44), 'x'.repeat(12)]);
  });

  it('shows the text when a message has no blocks', () => {
    expect(inside(previewSlackMessage({ text: 'Sorry, /deploy failed', blocks: [] }, plain))).toEqual(['Sorry, /deploy failed']);
  });

  it('previews the readiness card for the demo, every line inside the border', () => {
    // when
    const preview = previewSlackMessage(renderReadinessCard(brokenReport()), { color: true, width: 100 });
    // then
    const lines = preview.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line)).toBe(100);
    const text = inside(previewSlackMessage(renderReadinessCard(brokenReport()), { color: false, width: 100 }));
    expect(text[0]).toBe('Readiness · production · 1.2.0');
    expect(text[2]).toBe('🔴 Blocked · score 84/100');
    expect(text).toContain('backend · 9 failing, 3 warnings');
    expect(text).toContain('      ↳ fix: kubectl -n shop-production create secret generic backend-db --from-env-file=<file>');
    expect(text).toContain('✅ docs: nothing fails or warns (1 skipped)');
  });
});

describe('previewSlackMessage of escaped free text', () => {
  it('shows hostile text as the text it was, not as mentions, links or formatting', () => {
    // given a lock reply carrying hostile text, rendered through the escaping boundary
    const note = renderNote(rich`:lock: locked: ${'<!channel> *now* <https://evil|docs> a`b'}`);
    const message: SlackMessage = { text: note.text, blocks: [section(note.text)] };
    // when
    const preview = inside(previewSlackMessage(message, plain)).join(' ');
    // then the terminal reads it as typed (a backtick as its look-alike)
    expect(preview).toContain('🔒 locked: <!channel> *now* <https://evil|docs> aˋb');
  });
});
