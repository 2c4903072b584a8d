/**
 * The audit actions a release writes (subject: the release's run id
 * `<requestId>-release`, except `release.requested` and the decisions, whose
 * subject is the request id). A release is one change for the digest's
 * change failure rate: started by `release.started`, failed by
 * `release.failed`; its deploys are `release.deploy.*`, never `deploy.*`.
 * Details start "<version>: ".
 */
export const RELEASE_AUDIT = {
  requested: 'release.requested',
  started: 'release.started',
  stageStarted: 'release.stage.started',
  stageSucceeded: 'release.stage.succeeded',
  stageFailed: 'release.stage.failed',
  /** One per service patched: "<version>: <service> <previous> → <image>". */
  deployPatched: 'release.deploy.patched',
  succeeded: 'release.succeeded',
  /** "<version>: stage <n> <type> failed: <reason>". */
  failed: 'release.failed',
  /** "<version>: rolled back <service>, <service>". */
  rolledBack: 'release.rolled-back',
  rollbackFailed: 'release.rollback-failed',
  notStarted: 'release.not-started',
} as const;

export const releaseRunId = (requestId: string): string => `${requestId}-release`;
