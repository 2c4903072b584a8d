import type { SandboxState } from '../sandbox-state.js';
import type { WorldDbCluster, WorldDbInstance } from '../world.js';

/** Real snapshots take minutes; the sandbox's take half a second unless the world says otherwise. */
const DEFAULT_SNAPSHOT_SECONDS = 0.5;

export type SnapshotSource = { kind: 'instance'; database: WorldDbInstance } | { kind: 'cluster'; database: WorldDbCluster };

/**
 * A manual snapshot made through the sandbox. Like CodeBuild's builds, its
 * status is never stored: it is worked out from the time since `createdAt`,
 * so it moves on without timers and a fake clock makes it deterministic.
 */
export interface SandboxSnapshot {
  identifier: string;
  source: SnapshotSource;
  /** Epoch ms. */
  createdAt: number;
  durationMs: number;
  fails: boolean;
}

export interface SnapshotProgress {
  status: 'creating' | 'available' | 'failed';
  percent: number;
}

export function progressAt(snapshot: SandboxSnapshot, now: number): SnapshotProgress {
  const elapsed = now - snapshot.createdAt;
  if (elapsed < snapshot.durationMs) return { status: 'creating', percent: Math.floor((100 * Math.max(0, elapsed)) / snapshot.durationMs) };
  return snapshot.fails ? { status: 'failed', percent: 100 } : { status: 'available', percent: 100 };
}

/** The sandbox's snapshots, DB snapshots and DB cluster snapshots apart (their identifiers are separate namespaces in RDS). */
export class RdsSnapshots {
  readonly instance = new Map<string, SandboxSnapshot>();
  readonly cluster = new Map<string, SandboxSnapshot>();

  of(kind: SnapshotSource['kind']): Map<string, SandboxSnapshot> {
    return kind === 'instance' ? this.instance : this.cluster;
  }

  /** A new snapshot of `source`, with the world's timing and failure of the moment. */
  start(state: SandboxState, identifier: string, source: SnapshotSource, now: number): SandboxSnapshot {
    const behaviour = state.world.rds?.behaviour;
    const snapshot: SandboxSnapshot = {
      identifier,
      source,
      createdAt: now,
      durationMs: (behaviour?.snapshotSeconds ?? DEFAULT_SNAPSHOT_SECONDS) * 1000,
      fails: behaviour?.failSnapshotsOf?.includes(source.database.identifier) ?? false,
    };
    this.of(source.kind).set(identifier, snapshot);
    return snapshot;
  }
}

const snapshotsByState = new WeakMap<SandboxState, RdsSnapshots>();

export function rdsSnapshotsOf(state: SandboxState): RdsSnapshots {
  let snapshots = snapshotsByState.get(state);
  if (!snapshots) {
    snapshots = new RdsSnapshots();
    snapshotsByState.set(state, snapshots);
  }
  return snapshots;
}
