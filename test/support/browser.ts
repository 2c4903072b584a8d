import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { packageRoot } from '../../src/package-root.js';

/**
 * Headless Chromium for the playground's browser tests and the README's
 * screenshots: Debian's own build (scripts/ci-install-chromium.sh installs it),
 * driven by playwright-core through its executablePath. Playwright never
 * downloads a browser here.
 */
export const CHROMIUM = process.env.SHIPMATE_CHROMIUM ?? '/usr/bin/chromium';

/** One size, one scale, one clock zone and language, no animation: the same page draws the same pixels. */
export const VIEWPORT = { width: 1280, height: 860 } as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** A request the page made: method, URL and Chromium's resource type ('document', 'script', 'eventsource', 'fetch', …). */
export interface PageRequest {
  method: string;
  url: string;
  type: string;
}

/** A page in a fresh context (no cookies or storage shared with another test) that records what it asked for and what broke. */
export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order (documents, scripts, styles, the event stream, posts), WebSockets included. */
  requests: PageRequest[];
  /** Uncaught errors thrown by the page's scripts, console errors, and answers of 400 and more. */
  errors: string[];
}

export async function openRecordedPage(browser: Browser): Promise<RecordedPage> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const requests: PageRequest[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push({ method: request.method(), url: request.url(), type: request.resourceType() }));
  page.on('websocket', (socket) => requests.push({ method: 'GET', url: socket.url(), type: 'websocket' }));
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()} (${message.location().url})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return { context, page, requests, errors };
}

/** Where a test's screenshots go: test-results/playground/<test>/ (a test artifact, git-ignored). */
export function screenshotDir(test: string): string {
  return join(packageRoot(), 'test-results', 'playground', test);
}

/**
 * Screenshots of a test's steps, numbered in the order taken:
 * test-results/playground/<test>/<NN-step>.png. The folder is emptied first, so
 * it holds one run's steps only.
 */
export function stepShots(page: Page, test: string): (step: string) => Promise<string> {
  const dir = screenshotDir(test);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let taken = 0;
  return async (step) => {
    taken += 1;
    const path = join(dir, `${String(taken).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path, fullPage: false, animations: 'disabled' });
    return path;
  };
}
