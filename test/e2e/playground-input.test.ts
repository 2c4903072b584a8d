import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openRecordedPage, stepShots } from '../support/browser.js';
import {
  actAs,
  clickAndConfirm,
  composer,
  ephemerals,
  messages,
  openPlayground,
  send,
  waitForMessage,
  WAIT_MS,
} from '../support/playground-page.js';
import { notACommand } from '../support/playground-scenarios.js';
import { playgroundPerFile } from '../support/playground-suite.js';

/**
 * Issue 17: what a person may type or press on the playground page (the
 * compiled program, headless Chromium, accessible roles and names only) —
 * bad input answered as Slack would, text that looks like HTML shown as
 * text and never run, and every control reachable from the keyboard.
 */
const { playground, browser } = playgroundPerFile();

/** A fresh page, open and connected, as alice. */
async function open(test: string) {
  const recorded = await openRecordedPage(browser());
  await openPlayground(recorded.page, playground().url);
  return { ...recorded, shot: stepShots(recorded.page, test) };
}

/** What a payload that ran would have set; evaluated as page script text (the tests compile without the DOM's types). */
const pwned = (page: Page) => page.evaluate('window.__pwned');

describe('bad input on the playground page', () => {
  it('answers an unknown command as Slack does, ignores an empty one, takes 5,000 characters, and keeps working', async () => {
    // given: what alice already sees (the playground is shared by this file's tests)
    const { context, page, errors, shot } = await open('bad-input');
    const unknown = () => ephemerals(page).filter({ hasText: notACommand('/nosuchcommand') }).count();
    const [before, ephemeralsBefore, unknownBefore] = [await messages(page).count(), await ephemerals(page).count(), await unknown()];

    // when: a command no app registered
    await send(page, '/nosuchcommand now');
    // then: Slack's own answer, to alice alone
    await expect.poll(unknown, { timeout: WAIT_MS }).toBe(unknownBefore + 1);
    await shot('unknown-command');

    // when: nothing, or only blanks, then Enter — and then one more unknown command, whose answer says the blanks were handled
    await send(page, '');
    await send(page, '   \n  ');
    await send(page, '/nosuchcommand again');
    // then: the blanks posted nothing
    await expect.poll(unknown, { timeout: WAIT_MS }).toBe(unknownBefore + 2);
    expect(await messages(page).count()).toBe(before + 2);

    // when: 5,000 characters, as a command's text and as a message
    const long = `${'x'.repeat(2500)}<!channel>${'y'.repeat(2490)}`;
    await send(page, `/deploy ${long}`);
    await send(page, long);
    // then: the bot answers the command to alice alone; the message is posted as typed, its mention inert text
    await expect.poll(() => ephemerals(page).count(), { timeout: WAIT_MS }).toBe(ephemeralsBefore + 3);
    const posted = messages(page).filter({ hasText: long }).filter({ hasNotText: 'Only visible to you' });
    await posted.waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await posted.getByText('@channel').count()).toBe(0);
    expect(await composer(page).inputValue()).toBe('');
    await shot('five-thousand-characters');

    // then: the page still works — /readiness renders its card
    await send(page, '/readiness');
    await waitForMessage(page, 'Readiness · staging');
    await shot('readiness-after-bad-input');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows text that looks like HTML or Slack markup as typed: nothing runs, nobody is mentioned, no link hides its target', async () => {
    // given
    const { context, page, errors, shot } = await open('hostile-text');
    const image = '<img src=x onerror="window.__pwned=1">';
    const script = '/deploy <script>window.__pwned=1</script>';
    const slackMarkup = '<!here> <https://evil.example|the release notes> <@U0BOB>';

    const answered = await ephemerals(page).count();

    // when: alice posts markup as a message, and as a command's argument
    await send(page, image);
    await send(page, slackMarkup);
    await send(page, script);

    // then: the message shows the markup as its text, the bot's answer comes, and nothing ran
    await waitForMessage(page, image);
    // Slack's client escapes what a person types: its mrkdwn control sequences show as typed, not as mentions or links
    await waitForMessage(page, slackMarkup);
    await expect.poll(() => ephemerals(page).count(), { timeout: WAIT_MS }).toBe(answered + 1);
    await shot('markup-as-text');
    expect(await pwned(page)).toBeUndefined();
    expect(await messages(page).locator('script, img[src="x"], [onerror]').count()).toBe(0);
    // a URL a person types may be linked, as Slack does, but only as itself: no label hides where a link goes
    const links = await messages(page).filter({ hasText: slackMarkup }).locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links.filter(([text, href]) => text !== href)).toEqual([]);
    expect(await messages(page).filter({ hasText: slackMarkup }).getByText(/^@(here|bob)$/).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('the approval policy, felt through the user switcher', () => {
  it("refuses dave's Approve (he is outside the policy) in an ephemeral only he sees, and the card keeps waiting", async () => {
    // given: alice's deploy waiting for approval
    const { context, page, errors, shot } = await open('outside-the-policy');
    await send(page, '/deploy backend 1.2.0');
    const card = await waitForMessage(page, 'Deploy backend 1.2.0 to staging');
    await actAs(page, 'dave');
    const refusal = ephemerals(page).filter({ hasText: 'only @release-managers may approve deploys in staging' });
    const refusedBefore = await refusal.count();

    // when: dave approves, confirming the dialog
    expect(await clickAndConfirm(page, card.getByRole('button', { name: 'Approve', exact: true }))).toBe(true);

    // then: dave alone is told why; alice does not see it; the card still waits
    await expect.poll(() => refusal.count(), { timeout: WAIT_MS }).toBe(refusedBefore + 1);
    await shot('dave-refused');
    expect(await card.getByText('Waiting for approval').count()).toBe(1);
    await actAs(page, 'alice');
    await expect.poll(() => refusal.count(), { timeout: WAIT_MS }).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('the playground from the keyboard', () => {
  it('reaches the composer, the user switcher and the scenario picker with Tab, and Escape closes a confirm dialog', async () => {
    // given
    const { context, page, shot } = await open('keyboard');

    // when: Tab through the page from its top
    const reached = new Set<string>();
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    for (let i = 0; i < 300 && reached.size < 3; i++) {
      await page.keyboard.press('Tab');
      const label = String(await page.evaluate("document.activeElement?.getAttribute('aria-label') ?? ''"));
      if (['Message #releases', 'Acting as', 'Scenario'].includes(label)) reached.add(label);
    }
    // then
    expect([...reached].sort()).toEqual(['Acting as', 'Message #releases', 'Scenario']);

    // when: alice types "/dep" — then the registered commands are suggested, and Tab completes the one shown
    await composer(page).focus();
    await page.keyboard.type('/dep');
    const suggestions = page.getByRole('listbox', { name: 'Commands' });
    await suggestions.getByRole('option', { name: /^\/deploy\b/ }).waitFor({ state: 'visible', timeout: WAIT_MS });
    await shot('command-suggestions');
    await page.keyboard.press('Tab');
    expect(await composer(page).inputValue()).toBe('/deploy ');
    await suggestions.waitFor({ state: 'hidden', timeout: WAIT_MS });

    // when: alice asks for a deploy, opens her Approve's confirm dialog from the keyboard and presses Escape
    await send(page, '/deploy backend 1.2.0');
    const card = await waitForMessage(page, 'Deploy backend 1.2.0 to staging');
    const approve = card.getByRole('button', { name: 'Approve', exact: true });
    const { title } = JSON.parse((await approve.getAttribute('data-confirm')) ?? '{}') as { title?: { text: string } };
    expect(title?.text).toBeTruthy();
    const refusals = ephemerals(page).filter({ hasText: 'someone else has to approve it' });
    const refusedBefore = await refusals.count();
    await approve.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: title!.text });
    await dialog.waitFor({ state: 'visible', timeout: WAIT_MS });
    await shot('confirm-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });

    // then: Escape sent nothing — confirming the next time brings the one refusal her click earns
    expect(await clickAndConfirm(page, approve)).toBe(true);
    await expect.poll(() => refusals.count(), { timeout: WAIT_MS }).toBe(refusedBefore + 1);
    expect(await card.getByText('Waiting for approval').count()).toBe(1);
    await context.close();
  }, 120_000);
});
