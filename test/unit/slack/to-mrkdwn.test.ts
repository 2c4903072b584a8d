import { describe, expect, it } from 'vitest';
import { sentenceToRich, sentenceWithMentionsToRich, toMrkdwn } from '../../../src/adapters/slack/blocks/to-mrkdwn.js';
import { code, mention, plain, rich } from '../../../src/domain/text/rich-text.js';
import { HOSTILE_STRINGS, liveMarkupIn } from '../../support/hostile-text.js';

const ZWSP = '\u200b';

describe('toMrkdwn', () => {
  it('keeps template markup and escapes the values', () => {
    // given
    const text = rich`:x: *The rollout of ${'backend'} failed* — ${'<!channel> & <https://evil|ok>'}`;
    // when / then
    expect(toMrkdwn(text)).toBe(':x: *The rollout of backend failed* — &lt;!channel&gt; &amp; &lt;https://evil|ok&gt;');
  });

  it('shows a plain backtick as a look-alike, so it never opens code', () => {
    expect(toMrkdwn(plain('run `rm -rf` now'))).toBe('run \u02cbrm -rf\u02cb now');
  });

  it('fences formatting marks in plain text', () => {
    expect(toMrkdwn('*bold* _it_')).toBe(`${ZWSP}*${ZWSP}bold${ZWSP}*${ZWSP} ${ZWSP}_${ZWSP}it${ZWSP}_${ZWSP}`);
  });

  it('writes code spans that nothing inside can break out of', () => {
    expect(toMrkdwn(rich`image ${code('repo:1.0`\n<!here>')}`)).toBe("image `repo:1.0' &lt;!here&gt;`");
    expect(toMrkdwn(rich`[${code('')}]`)).toBe('[]');
  });

  it('writes mentions only of user ids', () => {
    expect(toMrkdwn(rich`by ${mention('U0BOB')} and ${mention('<!channel>')}`)).toBe('by <@U0BOB> and &lt;!channel&gt;');
  });

  it('drops control characters and direction overrides but keeps newlines', () => {
    expect(toMrkdwn('a\u0000b\u0007c\u001bd\u007fe\u202ef\r\ng\th')).toBe('abcdef\ng h');
  });

  it('shows half a surrogate pair as U+FFFD and keeps whole pairs (the Web API cannot encode a lone half)', () => {
    expect(toMrkdwn('v3fzrq\udfff x\ud800 🚀')).toBe('v3fzrq\ufffd x\ufffd 🚀');
    expect(() => encodeURIComponent(toMrkdwn(rich`no request ${'\ud83d'}`))).not.toThrow();
  });

  it('redacts credentials: token shapes, URL passwords and secret query parameters', () => {
    // given
    const text = 'xoxb-1234567890-abcdef at https://user:pw@host.example/health?token=s3cr3t&page=2';
    // when
    const out = toMrkdwn(text);
    // then
    expect(out).toBe('[redacted] at https://user:[redacted]@host.example/health?token=[redacted]&amp;page=2');
  });

  it('keeps 5,000 characters of free text within a section', () => {
    const out = toMrkdwn(rich`:x: ${'<'.repeat(5000)}`);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/&[a-z]{0,3}…$/);
  });

  it.each(HOSTILE_STRINGS)('leaves nothing live of %s', (_label, hostile) => {
    // given hostile text as a value, as a code span and as a domain sentence
    const outputs = [toMrkdwn(rich`:lock: ${hostile}`), toMrkdwn(rich`${code(hostile)}`), toMrkdwn(sentenceToRich(`:x: \`repo:1.0\` ${hostile}`)), toMrkdwn(sentenceWithMentionsToRich(`only <@U0BOB> ${hostile}`))];
    // then only shipmate's own mention of U0BOB is live, within a section
    for (const out of outputs) {
      expect(liveMarkupIn(out, new Set(['U0BOB']))).toEqual([]);
      expect(out.length).toBeLessThanOrEqual(3000);
    }
  });

  it('keeps the mentions and code spans of a domain sentence, and nothing else', () => {
    expect(toMrkdwn(sentenceWithMentionsToRich('only <@U0BOB> or `@ops` may approve <!here>'))).toBe('only <@U0BOB> or `@ops` may approve &lt;!here&gt;');
  });

  it('keeps only the code spans of a message still built as a string', () => {
    expect(toMrkdwn(sentenceToRich(':x: rolled back to `repo:1.1` by <@U0EVE> *now*'))).toBe(`:x: rolled back to \`repo:1.1\` by &lt;@U0EVE&gt; ${ZWSP}*${ZWSP}now${ZWSP}*${ZWSP}`);
  });
});
