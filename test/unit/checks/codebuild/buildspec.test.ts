import { describe, expect, it } from 'vitest';
import { readBuildspec } from '../../../../src/domain/checks/codebuild/buildspec.js';

describe('readBuildspec', () => {
  it('given no buildspec, when read, then it is buildspec.yml in the source', () => {
    expect(readBuildspec(undefined)).toEqual({ kind: 'file', path: 'buildspec.yml' });
    expect(readBuildspec('  \n')).toEqual({ kind: 'file', path: 'buildspec.yml' });
  });

  it('given a path with surrounding whitespace, when read, then it is that file, trimmed', () => {
    expect(readBuildspec('  ci/buildspec.yml\n')).toEqual({ kind: 'file', path: 'ci/buildspec.yml' });
  });

  it('given a path that is not even valid YAML, when read, then it is still a file', () => {
    expect(readBuildspec("'ci/buildspec.yml")).toEqual({ kind: 'file', path: "'ci/buildspec.yml" });
  });

  it('given invalid YAML that mentions phases only inside a key, when read, then it is taken for a file path', () => {
    const text = 'version: 0.2\nbuild_phases:\n - "x';
    expect(readBuildspec(text)).toEqual({ kind: 'file', path: text });
  });

  it('given inline YAML, when read, then commands and finally of every phase are its commands in order, numbers as text, other entries dropped', () => {
    // given
    const text = [
      'version: 0.2',
      'phases:',
      '  install:',
      '  build:',
      '    commands:',
      '      - make',
      '      - 42',
      '      - {a: 1}',
      '    finally:',
      '      - rm -rf out',
      '  post_build:',
      '    commands: make push',
    ].join('\n');
    // when / then
    expect(readBuildspec(text)).toEqual({ kind: 'inline', text, commands: ['make', '42', 'rm -rf out'] });
  });

  it('given inline YAML with an empty phases key, when read, then it is inline with no commands', () => {
    expect(readBuildspec('version: 0.2\nphases:')).toEqual({ kind: 'inline', text: 'version: 0.2\nphases:', commands: [] });
  });

  it('given phases written as a list, when read, then no commands are taken from it', () => {
    const text = 'phases:\n  - commands: [make]';
    expect(readBuildspec(text)).toEqual({ kind: 'inline', text, commands: [] });
  });

  it.each([
    ['version: 0.2\n  phases:\n  build:\n\tcommands: [x]', ['version: 0.2', 'phases:', 'build:', 'commands: [x]']],
    ['phases :\n  build:\n\tcommands: [x]', ['phases :', 'build:', 'commands: [x]']],
  ])('given invalid YAML with a phases key (%j), when read, then every line, trimmed, is a command', (text, commands) => {
    expect(readBuildspec(text)).toEqual({ kind: 'inline', text, commands });
  });
});
