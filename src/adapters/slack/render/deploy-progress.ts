import { section } from '../blocks/builders.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { truncate } from '../blocks/truncate.js';

export type DeployPhase = 'rolling-out' | 'succeeded' | 'failed' | 'rolling-back' | 'rolled-back' | 'rollback-failed';

export interface DeployStatusView {
  service: string;
  environment: string;
  /** The image being rolled out (REPO:TAG@DIGEST). */
  image: string;
  phase: DeployPhase;
  /** Replica counts of the rollout in progress (the watcher's RolloutProgress). */
  progress?: { updated: number; available: number; desired: number };
  /** Why it failed (the watcher's outcome message), or the rollback's own failure. */
  detail?: string;
  /** The image a rollback returns to. */
  previousImage?: string;
  /** Set once the service is locked in that environment after a failure. */
  locked?: boolean;
}

const LINE_MAX = 2900;
const NAME_MAX = 80;
const IMAGE_MAX = 300;
const DETAIL_MAX = 1500;

/** One step of a rollout as a reply in the card's thread: kubectl's own wording, kept as text. */
export function renderDeployProgressLine(text: string): SlackMessage {
  const line = escapeMrkdwn(truncate(text.trim(), LINE_MAX));
  return { text: line, blocks: [section(line)] };
}

/** The deploy card's status line (mrkdwn, escaped), edited as the rollout moves. */
export function renderDeployStatusLine(view: DeployStatusView): string {
  const what = `${code(view.service, NAME_MAX)} ${code(view.image, IMAGE_MAX)} in *${escapeMrkdwn(truncate(view.environment, NAME_MAX))}*`;
  const detail = view.detail ? `: ${escapeMrkdwn(truncate(view.detail, DETAIL_MAX))}` : '';
  const previous = view.previousImage ? code(view.previousImage, IMAGE_MAX) : 'the previous image';
  const lock = view.locked ? ` · :lock: locked until ${code(`/shipmate unlock ${view.service} ${view.environment}`, 2 * NAME_MAX + 20)}` : '';
  switch (view.phase) {
    case 'rolling-out':
      return `:arrows_counterclockwise: *Rolling out* ${what}${view.progress ? ` · ${counts(view.progress)}` : ''}`;
    case 'succeeded':
      return `:white_check_mark: *Rolled out* ${what}`;
    case 'failed':
      return `:x: *Rollout failed* ${what}${detail}${lock}`;
    case 'rolling-back':
      return `:rewind: *Rolling back* ${code(view.service, NAME_MAX)} to ${previous}${detail}`;
    case 'rolled-back':
      return `:rewind: *Rolled back* ${code(view.service, NAME_MAX)} to ${previous} after ${code(view.image, IMAGE_MAX)} failed${detail}${lock}`;
    case 'rollback-failed':
      return `:rotating_light: *Rollback failed* ${code(view.service, NAME_MAX)} to ${previous}${detail}${lock}`;
  }
}

function counts(p: { updated: number; available: number; desired: number }): string {
  return `${p.updated}/${p.desired} updated, ${p.available}/${p.desired} available`;
}

/** Names and image references in a code span, where `_` and `*` are not formatting. */
function code(text: string, max: number): string {
  return escapeMrkdwn(`\`${truncate(text.replace(/`/g, "'"), max)}\``);
}
