import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { launchChromium, openRecordedPage } from '../test/support/browser.js';
import { startPlayground } from '../test/support/playground-process.js';
import { tellTheStory, type StoryStep } from '../test/support/playground-story.js';

/**
 * npm run screenshots: the README's pictures of the playground, taken from the
 * running program (`shipmate demo --web` from dist/) in headless Chromium at
 * one fixed viewport, along the story test/e2e/playground-browser.test.ts
 * tells — into docs/screenshots/*.png.
 */
const OUT = join(packageRoot(), 'docs', 'screenshots');
const KEPT: Partial<Record<StoryStep, string>> = {
  'readiness-card': 'playground-report-card',
  'confirm-dialog': 'playground-approval-confirm',
  'rolled-out-thread': 'playground-rollout-thread',
  'rolled-back-and-locked': 'playground-rollback-lock',
  'app-home': 'playground-app-home',
};

mkdirSync(OUT, { recursive: true });
const [playground, browser] = await Promise.all([startPlayground(), launchChromium()]);
try {
  const { page, errors } = await openRecordedPage(browser);
  await tellTheStory(page, playground.url, async (step) => {
    const name = KEPT[step];
    if (!name) return;
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${relative(packageRoot(), path)}`);
  });
  if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
} finally {
  await browser.close();
  const code = await playground.stop();
  if (code !== 0) console.error(`shipmate demo --web exited ${code}: ${JSON.stringify(playground.output())}`);
}
