import type { Clock } from '../../ports/clock.port.js';
import type { CodeBuildPort } from '../../ports/codebuild.port.js';
import type { EcrPort } from '../../ports/ecr.port.js';
import type { MetricsPort } from '../../ports/metrics.port.js';
import type { StorePort } from '../../ports/store.port.js';
import type { BuildProgress, StartRefusal } from './build-progress.js';

/** Where build progress is shown: the status message of one request. */
export interface BuildStatusSink {
  /** Posts the status message the first time, edits it afterwards; returns where it is. */
  show(progress: BuildProgress, where: { channelId: string; messageTs?: string }): Promise<{ messageTs: string }>;
  /** The approval card's outcome line, once every build has an outcome. */
  finished(progress: BuildProgress): Promise<void>;
}

export interface BuildDeps {
  store: StorePort;
  clock: Clock;
  codebuildFor(environment: string): CodeBuildPort;
  ecrFor(environment: string): EcrPort;
  /** Which limit refused a start (see explain-limit.ts). */
  explainLimit(environment: string, projectName: string, message: string): Promise<StartRefusal>;
  sink: BuildStatusSink;
  log(message: string, error?: unknown): void;
  metrics?: MetricsPort;
  /** A build approved longer ago than this and never started is not started late (its status message says so). */
  startWithinMs?: number;
}
