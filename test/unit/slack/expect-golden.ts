import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../../src/package-root.js';

/**
 * Compares `value` with test/fixtures/golden/<name>.json; with UPDATE_GOLDEN=1
 * it writes the file instead (review the diff, then commit it).
 */
export function expectGolden(name: string, value: unknown): void {
  const path = join(packageRoot(), 'test', 'fixtures', 'golden', `${name}.json`);
  const actual = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run the test with UPDATE_GOLDEN=1 to write it`);
  expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}
