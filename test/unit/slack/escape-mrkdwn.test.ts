import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../src/adapters/slack/blocks/escape-mrkdwn.js';
import { truncate } from '../../../src/adapters/slack/blocks/truncate.js';
import { truncateMrkdwn } from '../../../src/adapters/slack/blocks/truncate-mrkdwn.js';

const ZWSP = '\u200b';

describe('escapeMrkdwn', () => {
  it('turns & < > into the entities Slack requires', () => {
    expect(escapeMrkdwn('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
  });

  it('leaves no way to mention a channel or forge a link', () => {
    const escaped = escapeMrkdwn('<!channel> see <https://evil.example|the docs>');
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).toBe('&lt;!channel&gt; see &lt;https://evil.example|the docs&gt;');
  });

  it('fences formatting marks that could open or close bold, italic or strike', () => {
    expect(escapeMrkdwn('*bold* _it_ ~gone~')).toBe(
      `${ZWSP}*${ZWSP}bold${ZWSP}*${ZWSP} ${ZWSP}_${ZWSP}it${ZWSP}_${ZWSP} ${ZWSP}~${ZWSP}gone${ZWSP}~${ZWSP}`,
    );
  });

  it('leaves marks inside words alone, so names and variables copy as they are', () => {
    expect(escapeMrkdwn('CODEBUILD_WEBHOOK_TRIGGER and 2*3')).toBe('CODEBUILD_WEBHOOK_TRIGGER and 2*3');
  });

  it('keeps code spans as code, escaping only entities inside them', () => {
    expect(escapeMrkdwn('run `VERSION=${VERSION:-x} *_ <file>` now')).toBe('run `VERSION=${VERSION:-x} *_ &lt;file&gt;` now');
  });

  it('treats an unpaired backtick as text', () => {
    expect(escapeMrkdwn('a ` *b*')).toBe(`a \` ${ZWSP}*${ZWSP}b${ZWSP}*${ZWSP}`);
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });

  it('cuts long text to the limit, ending with an ellipsis', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 8)).toHaveLength(8);
  });

  it('redacts before it cuts, so a cut never leaves part of a credential', () => {
    // given a URL password that the cut would split from its "@"
    const text = 'GET https://smoke:s3cr3t-password@host.example/health failed';
    // when
    const cut = truncate(text, 30);
    // then
    expect(cut).toBe('GET https://smoke:[redacted]@…');
    expect(cut).not.toContain('s3cr3t');
  });

  it('drops control characters', () => {
    expect(truncate('a\u0000b\u202ec', 10)).toBe('abc');
  });

  it('never leaves half a surrogate pair', () => {
    const cut = truncate('ab🚀🚀🚀', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});

describe('truncateMrkdwn', () => {
  it('does not cut an entity in half', () => {
    const cut = truncateMrkdwn('abc &amp; def', 7);
    expect(cut).toBe('abc…');
  });

  it('closes a code span it cut open', () => {
    const cut = truncateMrkdwn('run `aws ecr describe-images --repository-name x` now', 20);
    expect(cut).toBe('run `aws ecr descr…`');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  it('leaves text within the limit alone', () => {
    expect(truncateMrkdwn('`a` &amp; b', 11)).toBe('`a` &amp; b');
  });
});
