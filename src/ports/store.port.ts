/**
 * Durable state: approval requests, runs (builds, later deploys), locks and
 * the audit log. SQLite for one replica, PostgreSQL for several; both pass
 * the same contract tests (test/contract/store.contract.ts).
 */

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';
/** `promote`: a canary paused at a step, waiting for Promote (approve) or Abort (reject); it has no run of its own. */
export type ActionKind = 'build' | 'deploy' | 'release' | 'promote';

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

/** `not-started`: approved, but never started (its start came too late, or a gate refused it at start); the thread says so. */
export type RunStatus = 'starting' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'not-started';

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

/**
 * A chat message waiting to be delivered (SPEC §13: actions never wait on
 * chat). Entries of one stream go out one at a time, in id order; an edit
 * (`update`) may name the message it edits by the key of the post that
 * created it, and a reply its thread the same way, so nothing waits for a ts.
 */
export interface NewOutboxEntry {
  /** Delivered one after another in id order within a stream (e.g. "deploy:b7k2q9", "build:b7k2q9"). */
  stream: string;
  method: 'post' | 'update';
  channelId: string;
  /** post: the thread to reply in, as a ts or as the key of an earlier post. */
  threadTs?: string;
  threadKey?: string;
  /** post: also show the reply in the channel. */
  broadcast?: boolean;
  /** update: the message to edit, as a ts or as the key of an earlier post. */
  ts?: string;
  tsKey?: string;
  /** post: a name for the message this post creates; later entries (and outboxTs) find its ts by it. Unique. */
  key?: string;
  text: string;
  blocks?: unknown[];
  createdAt: Date;
}

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxEntry extends NewOutboxEntry {
  /** Assigned by the store, increasing. */
  id: number;
  status: OutboxStatus;
  attempts: number;
  /** Not tried again before this. */
  nextAttemptAt: Date;
  /** delivered: the ts of the message posted or edited. */
  resultTs?: string;
  /** The last error (failed: why it was given up). */
  error?: string;
}

export type OutboxResult =
  | { status: 'delivered'; ts: string; at: Date }
  | { status: 'retry'; error: string; nextAttemptAt: Date }
  | { status: 'failed'; error: string; at: Date };

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

  /**
   * A decision and what it starts, in one transaction: `next` is stored only if
   * the stored request's version is still `next.version - 1`; then every run in
   * `runs` that does not exist yet is created and every audit entry appended.
   * All or nothing: false (and nothing written) when someone else changed the
   * request first; a failure rolls everything back and throws.
   */
  decide(next: ApprovalRequest, runs: readonly Run[], audit: readonly AuditEntry[]): Promise<boolean>;

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

  /** Appends messages to the outbox, in order, in one transaction. */
  enqueueOutbox(entries: readonly NewOutboxEntry[]): Promise<void>;
  /**
   * What is due for delivery at `now`: the oldest pending entry of each stream
   * (never a later one while an earlier one of its stream is pending), when its
   * nextAttemptAt has come, oldest first, at most `limit`.
   */
  dueOutbox(now: Date, limit: number): Promise<OutboxEntry[]>;
  /** Pending entries of one stream, in id order (to skip edits that a later edit of the same message makes pointless). */
  pendingOutbox(stream: string): Promise<OutboxEntry[]>;
  /** Records an attempt: delivered (with the ts), to retry (attempts + 1), or given up. */
  settleOutbox(id: number, result: OutboxResult): Promise<void>;
  /** The ts of the delivered post with this key, if delivered. */
  outboxTs(key: string): Promise<string | undefined>;
  /** Pending entries, all streams (for /readyz figures and tests). */
  countPendingOutbox(): Promise<number>;
  /** Forgets delivered and failed entries settled before `settledBefore` (pending ones stay); returns how many. */
  pruneOutbox(settledBefore: Date): Promise<number>;

  /**
   * Remembers a signed request's signature until `expiresAt`, in one atomic
   * insert: true the first time, false for a replay (whichever replica saw it
   * first). Expired signatures are forgotten.
   */
  rememberSignature(signature: string, seenAt: Date, expiresAt: Date): Promise<boolean>;

  /** A round trip to the database: resolves when it answers (for /readyz). */
  ping(): Promise<void>;

  close(): Promise<void>;
}
