import { describe, expect, it } from 'vitest';
import { code, joinRich, mention, plainTextOf, rich, trustedMarkup } from '../../../src/domain/text/rich-text.js';

describe('rich', () => {
  it('keeps the template as markup and every value as plain text', () => {
    // given a value that looks like markup
    const why = '*bold* <!channel>';
    // when
    const text = rich`:x: The rollout of ${'backend'} failed — ${why}`;
    // then
    expect(text.parts).toEqual([
      { kind: 'markup', text: ':x: The rollout of ' },
      { kind: 'plain', text: 'backend' },
      { kind: 'markup', text: ' failed — ' },
      { kind: 'plain', text: '*bold* <!channel>' },
    ]);
  });

  it('keeps nested rich values, code spans and mentions as they are', () => {
    const text = rich`by ${mention('U0BOB')} to ${code('repo:1.2')} (${rich`*${3}*`})`;
    expect(text.parts.map((p) => p.kind)).toEqual(['markup', 'mention', 'markup', 'code', 'markup', 'markup', 'plain', 'markup', 'markup']);
  });

  it('takes only user ids as mentions', () => {
    expect(mention('U0BOB').parts).toEqual([{ kind: 'mention', userId: 'U0BOB' }]);
    expect(mention('W0CAROL').parts).toEqual([{ kind: 'mention', userId: 'W0CAROL' }]);
    for (const notAnId of ['shipmate', '!channel', 'U0BOB> <!here', 'C0RELEASES', '']) {
      expect(mention(notAnId).parts).toEqual([{ kind: 'plain', text: notAnId }]);
    }
  });

  it('reads as plain text in a terminal or a log', () => {
    const text = joinRich([rich`*${'a'}*`, code('b'), mention('U0BOB'), trustedMarkup(':x:')], ', ');
    expect(plainTextOf(text)).toBe('*a*, b, @U0BOB, :x:');
    expect(`${text}`).toBe('*a*, b, @U0BOB, :x:');
  });
});
