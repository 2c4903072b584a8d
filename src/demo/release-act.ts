import type { PostedMessage } from '../sandbox/slack/slack-log.js';
import { ackContent, approve, askForApproval, BOB, command, current, textOf, type DemoStage } from './demo-stage.js';
import { releaseRecords } from './release-records.js';

const DONE = /every stage passed/;
const STOPPED = /stopped at stage/;

/**
 * `/release <version> staging`: bob lifts the lock the crash loop left, alice
 * asks for the release, bob approves, and the thread is shown message by
 * message as the runbook moves (snapshot, migration Job, both rollouts, smoke
 * tests) until every stage passed; then what RDS and Kubernetes recorded.
 */
export async function releaseAct(stage: DemoStage, version: string): Promise<void> {
  stage.say(`\nThe fix is release ${version}: backend and frontend together, with a database migration; CI pushed both images to ECR. A release is the whole runbook of staging: a snapshot of the database, the migration as a Kubernetes Job, then backend and frontend, each rolled out and smoke-tested. First bob lifts the lock on backend:\n\n`);
  const { ack } = await command(stage, '/shipmate', 'unlock backend staging', BOB);
  stage.show(ackContent(ack));
  stage.say(`\nalice types /release ${version} staging; shipmate plans it read-only (every service's current and target image, pinned by digest, and the preflight of each) and posts one approval card:\n\n`);
  const card = await askForApproval(stage, '/release', `${version} staging`);
  stage.show(card);
  stage.say('\nbob approves (alice could not: whoever asks never approves). shipmate runs the stages in order, one message each in the thread:\n\n');
  await approve(stage, card);
  await followThread(stage, card);
  await stage.session.sandbox.state.slack.waitForMessage((m) => m.ts === card.ts && /succeeded/.test(textOf(m)), 30_000);
  stage.say(`\nWhat the sandbox itself recorded, beside what the bot said:\n\n${releaseRecords(stage, version).join('\n')}\n\nThe approval card, as it reads now:\n\n`);
  stage.show(current(stage, card));
}

/** Shows each message of the card's thread as it arrives, until the release passed every stage; a stopped release ends the demo. */
async function followThread(stage: DemoStage, card: PostedMessage): Promise<void> {
  const slack = stage.session.sandbox.state.slack;
  const shown = new Set<string>();
  for (;;) {
    const next = await slack.waitForMessage((m) => m.threadTs === card.ts && !shown.has(m.ts), 60_000);
    shown.add(next.ts);
    stage.show(next);
    if (DONE.test(textOf(next))) return;
    if (STOPPED.test(textOf(next))) throw new Error(`the release of staging stopped: ${next.text ?? ''}`);
  }
}
