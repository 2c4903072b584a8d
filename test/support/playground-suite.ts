import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { launchChromium } from './browser.js';
import { startPlayground, type Playground } from './playground-process.js';

/**
 * One playground (the compiled `shipmate demo --web --port 0`) and one
 * headless Chromium for a test file; each test opens its own context. After
 * the file, the playground is stopped with SIGTERM and must exit 0.
 */
export function playgroundPerFile(): { playground: () => Playground; browser: () => Browser } {
  let playground: Playground | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
    [playground, browser] = await Promise.all([startPlayground(), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    const code = await playground?.stop();
    expect(code, JSON.stringify(playground?.output())).toBe(0);
  }, 60_000);
  return { playground: () => playground!, browser: () => browser! };
}
