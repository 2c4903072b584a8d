import type { PostedMessage } from '../sandbox/slack/slack-log.js';
import { ALICE, approve, askForApproval, BOB, current, RELEASES, textOf, thread, waitInThread, type DemoStage } from './demo-stage.js';
import { canaryRecord, rolloutOf } from './canary-record.js';
import { shortImage } from './pinned-image.js';

const SERVICE = 'checkout';
const SOCKET = { mode: 'socket' } as const;
/** The thread lines worth reading once the canary is promoted: each step but pauses, the analysis's verdict, the end. */
const TOLD = /Promoted past step|Step \d+\/\d+: (setWeight|analysis)|AnalysisRun \S+ (Successful|Failed|Error)|Rolled out\.|Verify ·/;

/**
 * `/deploy checkout <version> staging` of an Argo Rollout: approved by bob,
 * the canary's first step in the thread, its pause's Promote / Abort card,
 * alice's own Promote refused, bob's taken, then 50 %, the analysis and 100 %;
 * then what the sandbox's Kubernetes recorded of the Rollout.
 */
export async function canaryAct(stage: DemoStage, version: string): Promise<void> {
  const before = rolloutOf(stage).image;
  stage.say(
    `\nstaging also runs checkout as an Argo Rollout, a canary: ${shortImage(before)} today, and CI pushed ${version} to ECR. Its steps: 20 % of the pods on the new version, a pause until someone promotes, 50 %, an analysis of its error rate, then 100 %. alice types /deploy checkout ${version} staging and bob approves; shipmate patches the Rollout's image, pinned to its digest, and posts each step in the thread. At the pause it posts a Promote / Abort card there, a request of its own:\n\n`,
  );
  const card = await askForApproval(stage, '/deploy', `${SERVICE} ${version} staging`);
  await approve(stage, card);
  const promote = await promoteCard(stage, card);
  for (const reply of thread(stage, card).filter((m) => m.ts !== promote.ts && /Step \d+\/\d+:/.test(textOf(m)))) stage.show(reply);
  stage.show(promote);
  stage.say('\nalice clicks Promote; she asked for the deploy, so her click alone cannot let it on. shipmate answers her alone, and the canary stays paused at 20 %:\n\n');
  stage.show(await refusal(stage, promote));
  if (!rolloutOf(stage).paused) throw new Error(`the Rollout ${SERVICE} is not paused after alice's refused Promote`);
  stage.say('\nbob clicks Promote; the canary goes on through 50 % and its analysis to 100 %, then /verify runs. The thread, the lines that matter:\n\n');
  await click(stage, promote, BOB);
  const end = await waitInThread(stage, card, /Verify ·|The rollout of .* failed/);
  if (!/Verify ·/.test(textOf(end))) throw new Error(`the canary of ${SERVICE} ${version} did not finish: ${end.text ?? ''}`);
  await stage.session.sandbox.state.slack.waitForMessage((m) => m.ts === card.ts && /is running in staging/.test(textOf(m)), 30_000);
  const replies = thread(stage, card);
  for (const reply of replies.slice(replies.findIndex((m) => m.ts === promote.ts) + 1).filter((m) => TOLD.test(textOf(m)))) stage.show(reply);
  stage.say(`\n${canaryRecord(stage, version)} The Promote / Abort card, as it reads now:\n\n`);
  stage.show(current(stage, promote));
}

/** The Promote / Abort card of the pause, in the deploy's thread (a card of its own: an approval request). */
function promoteCard(stage: DemoStage, card: PostedMessage): Promise<PostedMessage> {
  return stage.session.sandbox.state.slack.waitForMessage((m) => m.threadTs === card.ts && JSON.stringify(m.blocks ?? []).includes('"approval:'), 30_000);
}

function click(stage: DemoStage, promote: PostedMessage, userId: string) {
  return stage.session.sandbox.state.slack.clickButton({ userId, channelId: RELEASES, messageTs: promote.ts, actionId: 'approve' }, SOCKET);
}

/** alice's click on Promote, and what shipmate answered her alone. */
async function refusal(stage: DemoStage, promote: PostedMessage): Promise<{ text?: string; blocks?: unknown[] }> {
  const slack = stage.session.sandbox.state.slack;
  const seen = slack.responses.length;
  await click(stage, promote, ALICE);
  return slack.waitForResponse((r) => slack.responses.indexOf(r) >= seen && r.user === ALICE && r.responseType === 'ephemeral', 20_000);
}
