import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Lines of a test that assert a wall-clock duration: the suite runs on
 * shared, noisy machines, so figures may be printed but not asserted (see
 * test/unit/docs/tests-without-wall-clock.test.ts).
 */

/** An ordering matcher; `>= 0` only says a duration was measured, so it passes. */
const ORDERING = '(toBeLessThan|toBeGreaterThan)(OrEqual)?\\((?!0\\))';
const WALL_CLOCK_ASSERTIONS: Array<[string, RegExp]> = [
  ['the wall clock read inside expect()', /expect\(\s*[^;]*\b(Date\.now|performance\.now|process\.hrtime)\b/],
  ['an elapsed time compared', new RegExp(`expect\\([^;]*\\b\\w*(elapsed|latency|duration)\\w*\\b[^;]*\\)\\.${ORDERING}`, 'i')],
  ['a difference of two timestamps compared', new RegExp(`expect\\([^;]*\\.at\\s*-\\s*[^;]*\\)\\.${ORDERING}`)],
];

export function testFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** `file:line: why` for each line of `text` that asserts a wall-clock duration. */
export function wallClockAssertions(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => WALL_CLOCK_ASSERTIONS.filter(([, pattern]) => pattern.test(line)).map(([why]) => `${file}:${i + 1}: ${why}`));
}
