/**
 * Durable state: approval requests, runs (builds, later deploys), locks and
 * the audit log. SQLite for one replica, PostgreSQL for several; both pass
 * the same contract tests (test/contract/store.contract.ts).
 */

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';
export type ActionKind = 'build' | 'deploy';

export interface Approval {
  userId: string;
  at: Date;
}

export interface ApprovalRequest {
  /** Short and typable, e.g. "b7k2q9", for /shipmate cancel <id>. */
  id: string;
  action: ActionKind;
  environment: string;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
  status: RequestStatus;
  requiredApprovals: number;
  approvals: Approval[];
  /** Who rejected or cancelled, when, and why. */
  decidedBy?: string;
  decidedAt?: Date;
  reason?: string;
  /** What the action will do, as the action's own JSON (e.g. version and services of a build). */
  payload: Record<string, unknown>;
  /** Where the approval card is. */
  channelId: string;
  messageTs?: string;
  /** Incremented by every update; updates are conditional on it (optimistic concurrency). */
  version: number;
}

export type RunStatus = 'starting' | 'running' | 'succeeded' | 'failed' | 'stopped';

export interface Run {
  id: string;
  requestId: string;
  kind: ActionKind;
  environment: string;
  service: string;
  status: RunStatus;
  /** The CodeBuild build id (or, later, the Deployment revision). */
  externalId?: string;
  /** The last phase reported to Slack. */
  phase?: string;
  startedAt: Date;
  finishedAt?: Date;
  /** Where progress is shown. */
  channelId: string;
  messageTs?: string;
  /** Action-specific data (source version, image, previous image, failure reason, ...). */
  detail: Record<string, unknown>;
  version: number;
}

export interface AuditEntry {
  at: Date;
  /** Slack user id, or "shipmate" for what the bot does by itself. */
  actor: string;
  /** e.g. build.requested, build.approved, build.rejected, build.started, build.succeeded, build.failed, request.refused */
  action: string;
  environment?: string;
  /** A request id, run id or service. */
  subject?: string;
  /** One line for people. */
  detail: string;
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
}

export interface Lock {
  service: string;
  environment: string;
  holder: string;
  reason: string;
  at: Date;
  until?: Date;
}

/** A digest that was posted (or claimed for posting), so restarts and replicas never post one twice. */
export interface DigestRecord {
  environment: string;
  /** The scheduled fire time it stands for; none for an on-demand /shipmate digest. */
  slot?: Date;
  postedAt: Date;
  /** Posted after its slot because the bot was down at the time. */
  late: boolean;
  score: number;
  /** "service check-id" of every failing check, for the next digest's "started / stopped failing". */
  failing: string[];
  channelId: string;
}

/** A named lease one replica holds at a time (leader election). */
export interface LeaseClaim {
  name: string;
  /** Who asks: unique per process. */
  holder: string;
  at: Date;
  /** How long it is held without a renewal. */
  ttlMs: number;
}

export interface StorePort {
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;

  createRequest(request: ApprovalRequest): Promise<void>;
  getRequest(id: string): Promise<ApprovalRequest | undefined>;
  /**
   * Stores `next` only if the stored request's version is still `next.version - 1`,
   * in one atomic conditional update. False when someone else changed it first.
   */
  updateRequest(next: ApprovalRequest): Promise<boolean>;
  listRequests(filter: { status?: RequestStatus }): Promise<ApprovalRequest[]>;

  createRun(run: Run): Promise<void>;
  /** Conditional on the version like updateRequest. */
  updateRun(next: Run): Promise<boolean>;
  getRun(id: string): Promise<Run | undefined>;
  /** Runs not yet finished (starting or running), oldest first: what a restart resumes. */
  listActiveRuns(): Promise<Run[]>;
  runsOfRequest(requestId: string): Promise<Run[]>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  recentAudit(limit: number): Promise<StoredAuditEntry[]>;

  /** Oldest first, every entry at or after `from` (digests read weeks of history). */
  auditSince(from: Date): Promise<StoredAuditEntry[]>;

  /**
   * Records a scheduled digest for its slot, in one atomic insert: true for
   * exactly one caller per environment and slot, whichever replica it is.
   */
  claimDigest(record: DigestRecord & { slot: Date }): Promise<boolean>;
  /** Records an on-demand digest (no slot, nothing to claim). */
  recordDigest(record: DigestRecord): Promise<void>;
  /** The newest digest of the environment; only scheduled ones when asked (on-demand posts must not hide a due slot). */
  lastDigest(environment: string, options?: { scheduledOnly?: boolean }): Promise<DigestRecord | undefined>;

  /** Takes the lock unless someone holds it; returns the holder's lock either way. */
  acquireLock(lock: Lock): Promise<{ acquired: boolean; lock: Lock }>;
  getLock(service: string, environment: string): Promise<Lock | undefined>;
  releaseLock(service: string, environment: string): Promise<boolean>;

  /**
   * Takes the lease when it is free or expired at `at`, or renews it when
   * `holder` holds it already, in one atomic statement: true for at most one
   * holder at a time.
   */
  tryLease(claim: LeaseClaim): Promise<boolean>;
  /** Gives the lease up at once (a graceful stop), if `holder` holds it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /** A round trip to the database: resolves when it answers (for /readyz). */
  ping(): Promise<void>;

  close(): Promise<void>;
}
