import type { Verdict } from '../readiness/report.js';
import type { DeliveryFigures } from './delivery-figures.js';
import type { ReleaseActivity } from './release-activity.js';

export type BuildActivityOutcome = 'running' | 'succeeded' | 'failed' | 'stopped' | 'refused';
export type DeployActivityOutcome = 'running' | 'succeeded' | 'verify-failed' | 'failed' | 'rolled-back' | 'rollback-failed' | 'refused';

/** One build or deploy run: who asked, what, how it ended (or that it is still going). */
export interface DigestActivity<Outcome extends string> {
  runId: string;
  requestId: string;
  service: string;
  /** The version built or deployed (for a rollback, the tag rolled back to), when the audit says. */
  version?: string;
  /** Slack user id of whoever asked for it ("shipmate" for automatic rollbacks); undefined when the request is older than the audit read. */
  requestedBy?: string;
  /** When it started, or the first thing the audit says about it. */
  at: Date;
  outcome: Outcome;
  /** A one-click rollback after a failed /verify. */
  rollback?: boolean;
}

export interface ScoreTrend {
  previous: number;
  /** score − previous; 0 when unchanged. */
  delta: number;
}

/** What a scheduled (or /shipmate digest) post says, before rendering. Store `score`, `failing` and `at` as the next digest's `previous`. */
export interface Digest {
  environment: string;
  at: Date;
  /** The previous digest's time; activity is what happened after it (or in the default look-back for a first digest). */
  since: Date;
  score: number;
  verdict: Verdict;
  /** Undefined for the first digest. */
  trend?: ScoreTrend;
  /** "service check-id" of every failing check now, sorted. */
  failing: string[];
  startedFailing: string[];
  stoppedFailing: string[];
  builds: DigestActivity<BuildActivityOutcome>[];
  deploys: DigestActivity<DeployActivityOutcome>[];
  /** Release runs (one each, however many services), oldest first. */
  releases: ReleaseActivity[];
  figures: DeliveryFigures;
  /** Nothing changed since the previous digest: post `summary` alone. */
  quiet: boolean;
  /** One line for people. */
  summary: string;
}
