import type { PostedMessage } from '../sandbox/slack/slack-log.js';
import { ackContent, approve, askForApproval, command, current, deployedImage, textOf, thread, waitInThread, type DemoStage } from './demo-stage.js';

/** `/deploy backend <version> staging`, an upgrade: approved by bob, the rollout followed in the thread, then /verify. */
export async function upgradeAct(stage: DemoStage, version: string): Promise<void> {
  const before = deployedTag(stage, 'backend');
  stage.say(`\nstaging runs backend ${before}. alice types /deploy backend ${version} staging; shipmate runs the preflight and posts an approval card:\n\n`);
  const card = await askForApproval(stage, '/deploy', `backend ${version} staging`);
  stage.show(card);
  stage.say('\nbob clicks Approve; shipmate pins the image to its digest, patches the Deployment and follows the rollout in the thread, then runs the smoke tests:\n\n');
  await approve(stage, card);
  await followToVerified(stage, card);
  const after = deployedTag(stage, 'backend');
  if (after !== version) throw new Error(`backend in staging runs ${after} after the deploy of ${version}`);
  stage.say(`\nbackend in staging went from ${before} to ${after}. The approval card, as it reads now:\n\n`);
  stage.show(current(stage, card));
}

/** A release whose pods crash on start: shipmate fails fast, rolls back to what ran before and locks the service. */
export async function crashLoopAct(stage: DemoStage, version: string): Promise<void> {
  const before = deployedTag(stage, 'backend');
  const card = await askForApproval(stage, '/deploy', `backend ${version} staging`);
  await approve(stage, card);
  await waitInThread(stage, card, /are locked until someone runs/);
  stage.say(`\nbackend ${version} was pushed by CI overnight; its pods crash on start. alice deploys it and bob approves; the thread of its approval card:\n\n`);
  showThread(stage, card);
  const after = deployedTag(stage, 'backend');
  if (after !== before) throw new Error(`backend in staging runs ${after} after the rollback, not ${before}`);
  stage.say(`\nBefore ${version}, staging ran backend ${before}; it runs ${after} now. alice tries ${version} once more; shipmate answers her alone:\n\n`);
  const { ack } = await command(stage, '/deploy', `backend ${version} staging`);
  stage.show(ackContent(ack));
}

/** Waits until the approved deploy rolled out and /verify ran after it, then shows the card's thread. */
export async function followToVerified(stage: DemoStage, card: PostedMessage): Promise<void> {
  await waitInThread(stage, card, /Verify/);
  await stage.session.sandbox.state.slack.waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 30_000);
  showThread(stage, card);
}

export function showThread(stage: DemoStage, card: PostedMessage): void {
  for (const reply of thread(stage, card)) stage.show(reply);
}

/** The tag of the image a Deployment of staging runs (what follows the last ':' of the repository, without the digest). */
export function deployedTag(stage: DemoStage, deployment: string): string {
  return /:([^:@/]+)(?:@|$)/.exec(deployedImage(stage, deployment))?.[1] ?? '(unknown)';
}
