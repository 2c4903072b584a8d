import { describe, expect, it } from 'vitest';
import { launchChromium, openRecordedPage, stepShots } from '../support/browser.js';
import { openPlayground, WAIT_MS } from '../support/playground-page.js';
import { startPlayground } from '../support/playground-process.js';

/**
 * Issue 17: when the playground stops (Ctrl-C, SIGTERM), the page open on it
 * says so — its status reads "Disconnected" — instead of going quietly stale;
 * the program itself exits 0.
 */
describe('the playground page when the program stops', () => {
  it('shows Disconnected once the program exits on SIGTERM (exit 0)', async () => {
    // given: the page open and connected
    const [playground, browser] = await Promise.all([startPlayground(), launchChromium()]);
    try {
      const { page } = await openRecordedPage(browser);
      const shot = stepShots(page, 'disconnect');
      await openPlayground(page, playground.url);

      // when
      const code = await playground.stop();

      // then
      expect(code, JSON.stringify(playground.output())).toBe(0);
      await page.getByRole('status').filter({ hasText: /^Disconnected$/ }).waitFor({ state: 'visible', timeout: WAIT_MS });
      await shot('disconnected');
    } finally {
      await browser.close();
      await playground.stop();
    }
  }, 120_000);
});
