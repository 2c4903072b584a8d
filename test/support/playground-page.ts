import type { Locator, Page } from 'playwright-core';

/**
 * The playground page driven the way a person (or a screen reader) finds it:
 * by accessible roles and names only, the DOM contract of
 * /tmp/team/playground-contract.md §2. Every wait is for a condition, with a
 * generous bound; none is a pause. Shared by the browser tests and
 * scripts/playground-screenshots.ts, so it throws rather than asserts.
 */
export const WAIT_MS = 30_000;
/** A rollout (and its rollback) posts for a while on a busy machine: a bound, not an expectation. */
export const ROLLOUT_WAIT_MS = 90_000;

export const channel = (page: Page): Locator => page.getByRole('list', { name: 'Messages in #releases' });
export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message #releases' });
const actingAs = (page: Page): Locator => page.getByRole('combobox', { name: 'Acting as' });
const scenarioPicker = (page: Page): Locator => page.getByRole('combobox', { name: 'Scenario' });
export const threadPanel = (page: Page): Locator => page.getByRole('complementary', { name: 'Thread' });
/** The channel's messages (ephemerals included), newest last. */
export const messages = (page: Page): Locator => channel(page).getByRole('article');
/** The ephemerals the acting user sees, each marked "Only visible to you". */
export const ephemerals = (page: Page): Locator => messages(page).filter({ hasText: 'Only visible to you' });

/** Opens the page and waits until the live stream is up, the bot connected and the first state drawn. */
export async function openPlayground(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitConnected(page);
  await page.waitForFunction("document.body.dataset.ready === 'true'", undefined, { timeout: WAIT_MS });
}

export async function waitConnected(page: Page, timeout = WAIT_MS): Promise<void> {
  await page.getByRole('status').filter({ hasText: /^Connected$/ }).waitFor({ state: 'visible', timeout });
}

/** Types into the composer and presses Enter, as in Slack. */
export async function send(page: Page, text: string): Promise<void> {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
}

/** Chooses who is acting: the "Acting as" option whose label starts with the user's name, e.g. "bob (approver)". */
export async function actAs(page: Page, user: string): Promise<void> {
  const picker = actingAs(page);
  const label = await optionStartingWith(picker, user);
  await picker.selectOption({ label });
}

/** Picks a scenario and waits until the world was reset: the old messages gone, then Connected again. */
export async function pickScenario(page: Page, scenario: string): Promise<void> {
  const before = await messages(page).evaluateAll((articles) => articles.map((a) => a.getAttribute('data-ts')).filter((ts): ts is string => !!ts));
  await scenarioPicker(page).selectOption({ label: scenario });
  for (const ts of before) await channel(page).locator(`article[data-ts="${ts}"]`).waitFor({ state: 'detached', timeout: ROLLOUT_WAIT_MS });
  await waitConnected(page, ROLLOUT_WAIT_MS);
}

/** The newest message of the channel that contains `text` (a card's header, a reply's words). */
export function newestMessage(page: Page, text: string | RegExp): Locator {
  return messages(page).filter({ hasText: text }).last();
}

/** Waits until `text` shows in the channel and returns the newest message with it. */
export async function waitForMessage(page: Page, text: string | RegExp, timeout = WAIT_MS): Promise<Locator> {
  const message = newestMessage(page, text);
  await message.waitFor({ state: 'visible', timeout });
  return message;
}

/**
 * Clicks a button of a message; when it carries a confirm dialog (Slack's
 * `confirm` object, rendered as data-confirm), confirms it in the <dialog>
 * named by its title. Returns whether there was a dialog.
 */
export async function clickAndConfirm(page: Page, button: Locator): Promise<boolean> {
  const confirm = await button.getAttribute('data-confirm');
  await button.click();
  if (!confirm) return false;
  const { title, confirm: yes } = JSON.parse(confirm) as { title: { text: string }; confirm: { text: string } };
  const dialog = page.getByRole('dialog', { name: title.text });
  await dialog.waitFor({ state: 'visible', timeout: WAIT_MS });
  await dialog.getByRole('button', { name: yes.text, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
  return true;
}

/** Opens a message's thread through its "N replies" button; returns the Thread panel. */
export async function openThread(page: Page, message: Locator): Promise<Locator> {
  const replies = message.getByRole('button', { name: /^\d+ repl(y|ies)$/ });
  await replies.waitFor({ state: 'visible', timeout: ROLLOUT_WAIT_MS });
  await replies.click();
  const thread = threadPanel(page);
  await thread.waitFor({ state: 'visible', timeout: WAIT_MS });
  return thread;
}

/** Waits until `text` shows inside `region` (a thread, the Home tab), and scrolls it into view (for the screenshot that follows). */
export async function waitForText(region: Locator, text: string | RegExp, timeout = WAIT_MS): Promise<Locator> {
  const found = region.getByText(text).first();
  await found.waitFor({ state: 'visible', timeout });
  await found.scrollIntoViewIfNeeded({ timeout });
  return found;
}

/** Selects a tab of the "Views" tablist (`# releases`, `Home`). */
export async function openView(page: Page, name: string): Promise<void> {
  const views = page.getByRole('tablist', { name: 'Views' });
  await views.getByRole('tab', { name, exact: true }).click();
  await views.getByRole('tab', { name, exact: true, selected: true }).waitFor({ state: 'visible', timeout: WAIT_MS });
}

async function optionStartingWith(select: Locator, prefix: string): Promise<string> {
  const labels = await select.locator('option').allTextContents();
  const label = labels.map((l) => l.trim()).find((l) => l.startsWith(prefix));
  if (!label) throw new Error(`no option starting with "${prefix}" in ${JSON.stringify(labels)}`);
  return label;
}
