import { describe, expect, it } from 'vitest';
import { shortCommand } from '../../../../src/domain/checks/codebuild/short-command.js';

describe('shortCommand', () => {
  it('given a command over several lines with runs of spaces, when shortened, then it is one line with single spaces', () => {
    expect(shortCommand('  docker buildx build \\\n    --load   -t app .\n')).toBe('docker buildx build \\ --load -t app .');
  });

  it('given a command exactly as long as the limit, when shortened, then it is unchanged', () => {
    expect(shortCommand('0123456789', 10)).toBe('0123456789');
  });

  it('given a command one character over the limit, when shortened, then it is cut to the limit ending in an ellipsis', () => {
    expect(shortCommand('0123456789X', 10)).toBe('012345678…');
  });

  it('given a long buildspec command, when shortened with the default limit, then it fits in 90 characters', () => {
    const command = `docker buildx build ${'--build-arg A=1 '.repeat(10)}--load .`;
    expect(shortCommand(command)).toBe(`${command.slice(0, 89)}…`);
  });
});
