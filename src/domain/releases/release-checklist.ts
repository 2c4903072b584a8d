import type { ReleaseStage } from '../../config/release-schema.js';
import { joinRich, rich, trustedMarkup, type RichText } from '../text/rich-text.js';

export type StageState = 'skipped' | 'done' | 'running' | 'failed' | 'rolled-back' | 'waiting';

const ICONS: Record<StageState, string> = {
  skipped: ':heavy_minus_sign:',
  done: ':white_check_mark:',
  running: ':hourglass_flowing_sand:',
  failed: ':x:',
  'rolled-back': ':leftwards_arrow_with_hook:',
  waiting: ':white_square:',
};

const NOTES: Partial<Record<StageState, string>> = { skipped: ' (skipped)', 'rolled-back': ' (rolled back)' };

/** What a stage does, in a few words: "deploy backend, frontend", "snapshot shop-db". */
export function stageSummary(stage: ReleaseStage): string {
  switch (stage.type) {
    case 'build':
    case 'deploy':
      return `${stage.type} ${stage.services.join(', ')}`;
    case 'verify':
      return `verify ${stage.smokeTests.join(', ')}`;
    case 'snapshot':
      return `snapshot ${stage.identifier}`;
    case 'migrate':
      return `migrate ${stage.service}: ${stage.command.join(' ')}`;
  }
}

/** The state of each stage, given where the release is. */
export function stageStates(
  stages: readonly ReleaseStage[],
  at: { from: number; stage: number; failed?: number; finished: boolean; /** Stages whose work a failed release undid (its deploys, rolled back). */ undone?: readonly number[] },
): StageState[] {
  return stages.map((_, i) => {
    if (i < at.from) return 'skipped';
    if (at.failed === i) return 'failed';
    if (at.undone?.includes(i)) return 'rolled-back';
    if (i < at.stage || (at.finished && at.failed === undefined)) return 'done';
    if (i === at.stage && !at.finished && at.failed === undefined) return 'running';
    return 'waiting';
  });
}

/** The card's checklist, one line per stage: the icons are markup, the stage texts (from the config) plain text. */
export function checklist(stages: readonly ReleaseStage[], states: readonly StageState[]): RichText {
  const line = (stage: ReleaseStage, i: number) => {
    const state = states[i] ?? 'waiting';
    return rich`${trustedMarkup(ICONS[state])} ${i + 1}. ${stageSummary(stage)}${NOTES[state] ?? ''}`;
  };
  return joinRich(stages.map(line), '\n');
}
