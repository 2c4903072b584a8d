import type { AuditEntry } from '../../ports/store.port.js';
import type { ReadinessReport } from '../readiness/report.js';
import { deliveryFigures } from './delivery-figures.js';
import { digestActivity } from './digest-activity.js';
import type { Digest, ScoreTrend } from './digest.js';
import { failingChanges, failingKeys } from './readiness-changes.js';
import { releaseActivity } from './release-activity.js';
import { digestSummary } from './digest-summary.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Delivery figures cover the last four weeks. */
export const FIGURES_WINDOW_DAYS = 28;
/** A first digest (no previous one) reports the last week's builds and deploys. */
export const FIRST_DIGEST_LOOKBACK_DAYS = 7;

export interface DigestInput {
  environment: string;
  now: Date;
  /** What the last digest of this environment recorded. */
  previous?: { score: number; failing: string[]; at: Date };
  report: ReadinessReport;
  /** Enough of the audit log to cover the figures window and the builds feeding it; any order. */
  audit: readonly AuditEntry[];
}

export function digestContent(input: DigestInput): Digest {
  const { environment, now, previous, report } = input;
  const since = previous?.at ?? new Date(now.getTime() - FIRST_DIGEST_LOOKBACK_DAYS * DAY_MS);
  const failing = failingKeys(report);
  const changes = failingChanges(failing, previous?.failing);
  const trend: ScoreTrend | undefined = previous ? { previous: previous.score, delta: report.score - previous.score } : undefined;
  const { builds, deploys } = digestActivity(input.audit, environment, since, now);
  const releases = releaseActivity(input.audit, environment, since, now);
  const figures = deliveryFigures(input.audit, environment, { from: new Date(now.getTime() - FIGURES_WINDOW_DAYS * DAY_MS), to: now });
  const quiet =
    previous !== undefined && trend?.delta === 0 && changes.startedFailing.length === 0 && changes.stoppedFailing.length === 0 && builds.length === 0 && deploys.length === 0 && releases.length === 0;
  const digest: Omit<Digest, 'summary'> = {
    environment,
    at: new Date(now),
    since,
    score: report.score,
    verdict: report.verdict,
    ...(trend ? { trend } : {}),
    failing,
    ...changes,
    builds,
    deploys,
    releases,
    figures,
    quiet,
  };
  return { ...digest, summary: digestSummary(digest) };
}
