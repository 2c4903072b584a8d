import type { Locator, Page } from 'playwright-core';
import { actAs, clickAndConfirm, ephemerals, messages, newestMessage, openPlayground, openThread, openView, pickScenario, ROLLOUT_WAIT_MS, send, waitForMessage, waitForText, WAIT_MS } from './playground-page.js';
import { FLOW } from './playground-scenarios.js';

/** The steps of the story, in order; `step` is called at each, when what it names is on screen. */
export type StoryStep =
  | 'connected'
  | 'readiness-card'
  | 'approval-card'
  | 'self-approval-refused'
  | 'confirm-dialog'
  | 'approved-by-bob'
  | 'thread-opened'
  | 'rolled-out-thread'
  | 'crash-looping-scenario'
  | 'rolled-back-and-locked'
  | 'app-home';

/** Changes of the person acting in the story: alice → bob, → alice, → bob. */
export const STORY_USER_SWITCHES = 3;

/**
 * Issue 17's "Must be shown", on the playground page: /readiness and its
 * card; alice's deploy, her own Approve refused; bob's Approve through its
 * confirm dialog; the rollout thread until "successfully rolled out"; the
 * crash-looping release rolled back and locked; the App Home with the lock.
 * The browser test screenshots every step; scripts/playground-screenshots.ts
 * keeps the README's. */
export async function tellTheStory(page: Page, url: string, step: (name: StoryStep) => Promise<void>): Promise<void> {
  await openPlayground(page, url);
  await step('connected');

  await send(page, '/readiness');
  await waitForMessage(page, FLOW.readinessCard);
  await step('readiness-card');

  await send(page, FLOW.deploy);
  const card = await waitForMessage(page, FLOW.deployCard);
  await waitForText(card, 'Waiting for approval');
  await step('approval-card');

  await clickAndConfirm(page, approveOn(card));
  await ephemerals(page).filter({ hasText: FLOW.refusal }).waitFor({ state: 'visible', timeout: WAIT_MS });
  await step('self-approval-refused');

  await actAs(page, 'bob');
  await confirmApproval(page, card, () => step('confirm-dialog'));
  await step('approved-by-bob');

  const thread = await openThread(page, card);
  await step('thread-opened');
  await waitForText(replies(thread, FLOW.deployCard), 'successfully rolled out', ROLLOUT_WAIT_MS);
  await waitForText(newestMessage(page, FLOW.deployCard), FLOW.running, ROLLOUT_WAIT_MS);
  await expectEditedInPlace(page, card);
  await step('rolled-out-thread');

  await pickScenario(page, 'Crash-looping release');
  await step('crash-looping-scenario');
  await actAs(page, 'alice');
  await send(page, FLOW.crashDeploy);
  const crashCard = await waitForMessage(page, FLOW.crashCard);
  await actAs(page, 'bob');
  await confirmApproval(page, crashCard);
  const crashThread = await openThread(page, crashCard);
  await waitForText(replies(crashThread, FLOW.crashCard), FLOW.rollback, ROLLOUT_WAIT_MS);
  await waitForText(replies(crashThread, FLOW.crashCard), FLOW.locked, ROLLOUT_WAIT_MS);
  // the lock is broadcast: in the channel too, marked as a thread reply
  await waitForText(await waitForMessage(page, FLOW.locked), 'replied to a thread');
  await step('rolled-back-and-locked');

  await openView(page, 'Home');
  const home = page.getByRole('tabpanel', { name: 'Home' });
  await waitForText(home, 'shipmate · releases');
  await waitForText(home, FLOW.homeLock);
  await step('app-home');
}

/** The replies of a thread: its messages but the parent card (whose edits repeat what the replies say). */
const replies = (thread: Locator, cardHeader: string) => thread.getByRole('article').filter({ hasNotText: cardHeader });
const approveOn = (card: Locator) => card.getByRole('button', { name: 'Approve', exact: true });

/** The card was edited, not posted again: one message with its header, marked "(edited)". */
async function expectEditedInPlace(page: Page, card: Locator): Promise<void> {
  await waitForText(card, '(edited)');
  const copies = await messages(page).filter({ hasText: FLOW.deployCard }).count();
  if (copies !== 1) throw new Error(`the approval card shows ${copies} times in the channel, not once edited in place`);
}

/** The acting person clicks Approve and confirms its dialog (the card asks, staging being protected in the playground). */
async function confirmApproval(page: Page, card: Locator, whileOpen?: () => Promise<void>): Promise<void> {
  const approve = approveOn(card);
  const confirm = JSON.parse((await approve.getAttribute('data-confirm')) ?? 'null') as { title: { text: string }; confirm: { text: string } } | null;
  if (!confirm) throw new Error("the approval card's Approve has no confirm dialog: issue 17's story confirms one (is staging protected in the playground's world?)");
  await approve.click();
  const dialog = page.getByRole('dialog', { name: confirm.title.text });
  await dialog.waitFor({ state: 'visible', timeout: WAIT_MS });
  await whileOpen?.();
  await dialog.getByRole('button', { name: confirm.confirm.text, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
}
