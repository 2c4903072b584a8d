import type { Clock } from '../../ports/clock.port.js';
import {
  SnapshotExistsError,
  type DatabaseRef,
  type DatabaseSnapshot,
  type DatabaseSnapshotsPort,
} from '../../ports/database-snapshots.port.js';
import { PortError } from '../../ports/port-error.js';

export type SnapshotOutcome =
  | { kind: 'available'; identifier: string; database: DatabaseRef }
  | { kind: 'failed'; identifier: string; database: DatabaseRef; reason: string };

export interface TakeSnapshotDeps {
  snapshots: DatabaseSnapshotsPort;
  clock: Clock;
  /** Aborted when this process stops following (shutdown, another replica took over): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How often RDS is asked (default 5 s). */
  pollMs?: number;
  /** How long the snapshot may take (default 2 h). */
  timeoutMs?: number;
}

const DEFAULT_POLL_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** RDS snapshots an instance in these states only (CreateDBSnapshot answers InvalidDBInstanceState otherwise). */
const SNAPSHOTTABLE = new Set(['available', 'storage-optimization']);
/** Snapshot states that will never turn `available`. */
const DEAD_END = /^(failed|deleting|deleted|incompatible-.*)$/;
/** Worth asking again at the next poll: the call may go through then. */
const TRANSIENT = new Set(['throttled', 'unreachable', 'remote']);

const describeDatabase = (d: DatabaseRef): string => `${d.kind === 'instance' ? 'DB instance' : 'Aurora cluster'} ${d.identifier}`;
const statusText = (s: DatabaseSnapshot): string => (s.progressPercent === undefined ? s.status : `${s.status}, ${s.progressPercent}%`);
const same = (a: DatabaseRef, b: DatabaseRef) => a.kind === b.kind && a.identifier.toLowerCase() === b.identifier.toLowerCase();

/** A step's answer: the snapshot to follow, or why the stage fails. */
type Step = DatabaseSnapshot | { reason: string };
/** What one try of a step gave: its answer, or undefined when RDS could not answer this time (ask again at the next poll). */
type Try = Step | undefined;

/**
 * The snapshot stage of a release: a manual snapshot of `database` named
 * `identifier`, followed until RDS says `available` (or that it never will).
 * A snapshot of that identifier that exists already (a resumed release) is
 * followed instead of taking a second. Throttling and outages are asked
 * again at the next poll until the time limit; anything else RDS refuses is
 * the failure's reason. Progress lines carry RDS's percent, each line once.
 */
export function takeSnapshot(
  database: DatabaseRef,
  identifier: string,
  deps: TakeSnapshotDeps,
  onProgress: (line: string) => void,
): Promise<SnapshotOutcome> {
  return new SnapshotFollow(database, identifier, deps, onProgress).run();
}

class SnapshotFollow {
  private readonly deadline: number;
  private lastLine?: string;
  /** What RDS said last, for the timeout's reason (the first try of the start always sets it). */
  private lastWord?: string;

  constructor(
    private readonly database: DatabaseRef,
    private readonly identifier: string,
    private readonly deps: TakeSnapshotDeps,
    private readonly onProgress: (line: string) => void,
  ) {
    this.deadline = deps.clock.now().getTime() + this.timeoutMs;
  }

  private get timeoutMs(): number {
    return this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async run(): Promise<SnapshotOutcome> {
    this.throwIfAborted();
    let step = await this.attempt(() => this.start());
    let following = false;
    for (;;) {
      if (step && 'reason' in step) return this.failed(step.reason);
      if (step) {
        following = true;
        this.lastWord = statusText(step);
        this.progress(`${this.identifier}: ${this.lastWord}`);
        if (step.status === 'available') return { kind: 'available', identifier: this.identifier, database: this.database };
        if (DEAD_END.test(step.status)) {
          return this.failed(`RDS reports snapshot ${this.identifier} of ${describeDatabase(this.database)} as ${step.status}: it will not become available`);
        }
      }
      if (!(await this.waitForNextPoll())) {
        const minutes = Math.round(this.timeoutMs / 60_000);
        return this.failed(`timed out after ${minutes} min waiting for ${this.identifier} to become available; RDS last said: ${this.lastWord}`);
      }
      // Until a snapshot is being followed, the start is tried again; then the snapshot is looked at.
      step = await this.attempt(following ? () => this.look() : () => this.start());
    }
  }

  /** The snapshot this release started before, else a new one of an available database. */
  private async start(): Promise<Step> {
    const { snapshots } = this.deps;
    const existing = await snapshots.getSnapshot(this.database, this.identifier);
    if (existing) return this.followExisting(existing, 'started earlier');
    const status = await snapshots.databaseStatus(this.database);
    if (status === undefined) return { reason: `there is no ${describeDatabase(this.database)}: nothing was snapshotted` };
    if (!SNAPSHOTTABLE.has(status)) {
      return { reason: `${describeDatabase(this.database)} is ${status}, not available: RDS snapshots only an available database` };
    }
    try {
      const created = await snapshots.createSnapshot(this.database, this.identifier);
      this.progress(`${this.identifier}: snapshot of ${describeDatabase(this.database)} started`);
      return created;
    } catch (error) {
      if (!(error instanceof SnapshotExistsError)) throw error;
      // Taken between the look and the create (another replica, or an answer lost on the way back).
      const found = await snapshots.getSnapshot(this.database, this.identifier);
      return found ? this.followExisting(found, 'taken already') : { reason: `${error.message}, but RDS does not describe it` };
    }
  }

  private async look(): Promise<Step> {
    const snapshot = await this.deps.snapshots.getSnapshot(this.database, this.identifier);
    return snapshot ?? { reason: `snapshot ${this.identifier} is gone: RDS no longer describes it` };
  }

  private followExisting(snapshot: DatabaseSnapshot, how: string): Step {
    if (!same(snapshot.database, this.database)) {
      return { reason: `the identifier ${this.identifier} is taken by a snapshot of ${describeDatabase(snapshot.database)}` };
    }
    this.progress(`${this.identifier}: snapshot of ${describeDatabase(this.database)} ${how}; following it`);
    return snapshot;
  }

  /** One try of a step: a throttled or unreachable RDS is undefined (try again), any other PortError the failure's reason. */
  private async attempt(step: () => Promise<Step>): Promise<Try> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof PortError)) throw error;
      if (!TRANSIENT.has(error.code)) return { reason: error.message };
      this.lastWord = error.message;
      this.progress(`${this.identifier}: ${error.message}; asking again`);
      return undefined;
    } finally {
      this.throwIfAborted();
    }
  }

  /** false once the time is up. */
  private async waitForNextPoll(): Promise<boolean> {
    const left = this.deadline - this.deps.clock.now().getTime();
    if (left <= 0) return false;
    await this.deps.clock.sleep(Math.min(this.deps.pollMs ?? DEFAULT_POLL_MS, left), this.deps.signal);
    this.throwIfAborted();
    return true;
  }

  private progress(line: string): void {
    if (line !== this.lastLine) this.onProgress(line);
    this.lastLine = line;
  }

  private failed(reason: string): SnapshotOutcome {
    return { kind: 'failed', identifier: this.identifier, database: this.database, reason };
  }

  private throwIfAborted(): void {
    const { signal } = this.deps;
    if (signal?.aborted) throw signal.reason;
  }
}
