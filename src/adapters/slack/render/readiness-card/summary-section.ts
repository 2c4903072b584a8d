import type { ReadinessReport, Verdict } from '../../../../domain/readiness/report.js';
import type { SectionBlock } from '../../blocks/block-kit.js';
import { fieldsSection } from '../../blocks/builders.js';
import type { StatusCounts } from './status-counts.js';

export const VERDICT_LOOK: Record<Verdict, { emoji: string; label: string; meaning: string }> = {
  ready: { emoji: ':large_green_circle:', label: 'Ready', meaning: 'nothing fails or warns' },
  'at-risk': { emoji: ':large_yellow_circle:', label: 'At risk', meaning: 'warnings or checks that could not run; nothing blocks a deploy' },
  blocked: { emoji: ':red_circle:', label: 'Blocked', meaning: 'a failing check blocks deploys' },
};

/** Score and verdict, then the counts in two columns. */
export function summarySection(report: ReadinessReport, counts: StatusCounts): SectionBlock {
  const look = VERDICT_LOOK[report.verdict];
  return fieldsSection(
    [
      `*Passed*\n${counts.pass}`,
      `*Failing*\n${counts.fail}`,
      `*Warnings*\n${counts.warn}`,
      `*Errors*\n${counts.error}`,
      `*Skipped*\n${counts.skip}`,
    ],
    `${look.emoji} *${look.label}* · score *${report.score}*/100\n_${look.meaning}_`,
  );
}
