import { describe, expect, it } from 'vitest';
import { shellStatements } from '../../../../src/domain/checks/codebuild/shell-statements.js';

/** Each statement's words only, for the cases where && and || play no part. */
const wordsOf = (command: string) => shellStatements(command).map((statement) => statement.words);

describe('shellStatements splits where the shell would', () => {
  it('given a line continuation right before the next word, when split, then the words stay apart', () => {
    expect(wordsOf('docker build\\\n-t app .')).toEqual([['docker', 'build', '-t', 'app', '.']]);
  });

  it('given empty statements (;; and a trailing ;), when split, then none is returned', () => {
    expect(wordsOf('echo a;; echo b;')).toEqual([['echo', 'a'], ['echo', 'b']]);
  });

  it('given tabs between words, when split, then tabs separate words like spaces', () => {
    expect(wordsOf('echo\tx')).toEqual([['echo', 'x']]);
  });

  it('given a comment at the end of the text without a newline, when split, then the comment is dropped', () => {
    expect(wordsOf('echo x # tag it')).toEqual([['echo', 'x']]);
  });

  it('given # inside a word, when split, then it is part of the word, not a comment', () => {
    expect(wordsOf('echo a#b; echo c')).toEqual([['echo', 'a#b'], ['echo', 'c']]);
  });

  it('given a subshell in parentheses, when split, then it is one word and the && after it joins the next statement', () => {
    expect(shellStatements('(cd app && make) && echo ok')).toEqual([{ words: ['(cd app && make)'] }, { words: ['echo', 'ok'], joinedBy: '&&' }]);
  });
});

describe('shellStatements keeps quoted text whole', () => {
  it('given single quotes, when split, then everything inside is literal and the quotes go', () => {
    expect(wordsOf(`echo 'a "b" $(c) ; d' x`)).toEqual([['echo', 'a "b" $(c) ; d', 'x']]);
  });

  it('given single quotes inside a command substitution, when split, then they stay, and a ) inside them does not close it', () => {
    expect(wordsOf(`V=$(echo ')' | tr -d ' ') && echo x`)).toEqual([[`V=$(echo ')' | tr -d ' ')`], ['echo', 'x']]);
  });

  it('given a parenthesis inside double quotes, when split, then it opens nothing', () => {
    expect(wordsOf('echo "(" ; echo x')).toEqual([['echo', '('], ['echo', 'x']]);
  });

  it('given an apostrophe inside double quotes, when split, then it opens nothing', () => {
    expect(wordsOf(`echo "it's" x; echo y`)).toEqual([['echo', "it's", 'x'], ['echo', 'y']]);
  });

  it('given double quotes inside a command substitution, when split, then a ) inside them does not close it', () => {
    expect(wordsOf('V=$(printf ")") ; echo y')).toEqual([['V=$(printf ")")'], ['echo', 'y']]);
  });

  it('given a parenthesis inside ${…} (a pattern substitution), when split, then the } still closes it', () => {
    expect(wordsOf('echo ${V//(/_} x')).toEqual([['echo', '${V//(/_}', 'x']]);
  });

  it('given double quotes inside a command substitution inside double quotes, when split, then the inner quotes do not end the outer ones', () => {
    expect(wordsOf('V="$(git describe || echo "v0 x")"; echo y')).toEqual([['V=$(git describe || echo "v0 x")'], ['echo', 'y']]);
  });

  it('given quotes inside ${…} inside double quotes, when split, then a } or a space inside them stays in the word', () => {
    expect(wordsOf(`T="\${V:-"a }"}" x; echo y`)).toEqual([['T=${V:-"a }"}', 'x'], ['echo', 'y']]);
    expect(wordsOf(`T=\${V:-'a }'} x`)).toEqual([[`T=\${V:-'a }'}`, 'x']]);
  });

  it('given a ${…} with spaces and a ) inside, when split, then it stays one word up to its }', () => {
    expect(wordsOf('echo ${V:-a b)} c')).toEqual([['echo', '${V:-a b)}', 'c']]);
  });

  it('given a $(…) with a } inside, when split, then it stays one word up to its )', () => {
    expect(wordsOf('echo $(printf } ; echo x) c')).toEqual([['echo', '$(printf } ; echo x)', 'c']]);
  });
});

describe('shellStatements keeps escaped characters', () => {
  it('given an escaped quote, when split, then it opens no quote and the ; after it still splits', () => {
    expect(wordsOf('echo \\"; docker push x')).toEqual([['echo', '\\"'], ['docker', 'push', 'x']]);
  });

  it('given an escaped space inside a word, when split, then the word is not split there', () => {
    expect(wordsOf('echo a\\ b c')).toEqual([['echo', 'a\\ b', 'c']]);
  });
});
