import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/package-root.js';
import { testFiles, wallClockAssertions } from '../../support/wall-clock-assertions.js';

/**
 * The suite runs on shared, noisy machines: no test asserts how long
 * something took by the wall clock (figures may be printed, not asserted).
 * A test that needs time injects a clock and asserts on its values; one that
 * needs "nothing happened" waits for the signal that the input was handled.
 */
describe('the test suite asserts no wall-clock duration', () => {
  it('finds such an assertion when there is one (the patterns are live)', () => {
    const offending = [
      'expect(Date.now() - started).toBeLessThan(8000);',
      'expect(result.latencyMs).toBeGreaterThanOrEqual(190);',
      'expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);',
      'expect(Date.now()).toBeLessThan(slackBackAt);',
    ].join('\n');
    expect(wallClockAssertions('example.test.ts', offending)).toEqual([
      'example.test.ts:1: the wall clock read inside expect()',
      'example.test.ts:2: an elapsed time compared',
      'example.test.ts:3: a difference of two timestamps compared',
      'example.test.ts:4: the wall clock read inside expect()',
    ]);
    expect(wallClockAssertions('example.test.ts', 'expect(result.latencyMs).toEqual(expect.any(Number));')).toEqual([]);
    expect(wallClockAssertions('example.test.ts', 'expect(result.durationMs).toBeGreaterThanOrEqual(0);')).toEqual([]);
  });

  it('in every file under test/', () => {
    const root = packageRoot();
    const self = relative(root, new URL(import.meta.url).pathname);
    const found = testFiles(join(root, 'test'))
      .map((file) => relative(root, file))
      .filter((file) => file !== self)
      .flatMap((file) => wallClockAssertions(file, readFileSync(join(root, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
