import { describe, expect, it } from 'vitest';
import { openRecordedPage, stepShots, type PageRequest } from '../support/browser.js';
import { threadPanel } from '../support/playground-page.js';
import { STORY_USER_SWITCHES, tellTheStory } from '../support/playground-story.js';
import { playgroundPerFile } from '../support/playground-suite.js';

/**
 * Issue 17, "Must be shown", in headless Chromium on the compiled program
 * (`shipmate demo --web --port 0`): the page driven only through accessible
 * roles and names, as a person would — /readiness and its report card; a
 * deploy asked by alice, her own Approve refused; bob's Approve, its dialog
 * confirmed; the rollout thread until "successfully rolled out"; the
 * crash-looping release rolled back and locked; the App Home. A screenshot of
 * each step is kept under test-results/playground/story/. Along the way:
 * nothing requested outside 127.0.0.1, updates pushed over one event stream
 * (no polling), no error on the page.
 */
const { playground, browser } = playgroundPerFile();

/** The live stream: an EventSource or a WebSocket. */
const isStream = (r: PageRequest) => r.type === 'eventsource' || r.type === 'websocket';
/** What the page fetched besides its stream (the page, its script modules, its styles). */
const fetched = (requests: readonly PageRequest[]) => requests.filter((r) => r.method === 'GET' && !isStream(r)).map((r) => r.url);

describe('the playground in a browser', () => {
  it('shows the whole story: readiness, a four-eyes deploy rolled out, a crash loop rolled back and locked, the App Home — over one pushed stream, all on 127.0.0.1', async () => {
    // given: a fresh page, its requests recorded
    const { context, page, requests, errors } = await openRecordedPage(browser());
    const shot = stepShots(page, 'story');
    let ready = 0;
    let threadOpened = 0;
    let whileRollingOut: PageRequest[] = [];
    let replies = 0;

    // when: the story is told, a screenshot at each step
    await tellTheStory(page, playground().url, async (step) => {
      if (step === 'connected') ready = requests.length;
      if (step === 'thread-opened') threadOpened = requests.length;
      if (step === 'rolled-out-thread') {
        whileRollingOut = requests.slice(threadOpened);
        replies = await threadPanel(page).getByRole('article').count();
      }
      await shot(step);
    });

    // then: every request stayed on the playground's own address
    const origin = new URL(playground().url).origin;
    expect(requests.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    // one live stream, opened once the page loaded and reopened only when the person acting changes (ephemerals and Home differ)
    const streams = requests.filter(isStream).map((r) => new URL(r.url).pathname);
    expect(requests.slice(0, ready).filter(isStream)).toHaveLength(1);
    expect(streams).toEqual(Array(1 + STORY_USER_SWITCHES).fill(streams[0]));
    // no polling: once ready, every message, edit, reply and Home view came over the stream — the page fetched nothing
    // (it only posted what the person did), and asked for nothing at all while the rollout thread filled
    expect(fetched(requests.slice(0, ready))).toContain(playground().url);
    expect(requests.slice(ready).filter((r) => !isStream(r) && r.method !== 'POST')).toEqual([]);
    expect(replies).toBeGreaterThanOrEqual(3);
    expect(whileRollingOut).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
