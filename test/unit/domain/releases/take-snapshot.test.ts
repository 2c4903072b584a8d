import { describe, expect, it } from 'vitest';
import { takeSnapshot, type TakeSnapshotDeps } from '../../../../src/domain/releases/take-snapshot.js';
import type { Clock } from '../../../../src/ports/clock.port.js';
import { SnapshotExistsError, type DatabaseRef, type DatabaseSnapshot, type DatabaseSnapshotsPort } from '../../../../src/ports/database-snapshots.port.js';
import { PortError } from '../../../../src/ports/port-error.js';

const DB: DatabaseRef = { kind: 'instance', identifier: 'shop-staging-db' };
const ID = 'shipmate-staging-1-2-0-b7k2q9';

/** A clock whose sleeps pass at once and move its time on by what they waited. */
class SteppingClock implements Clock {
  time = Date.parse('2026-03-02T10:00:00Z');
  sleeps: number[] = [];
  onSleep: () => void = () => undefined;
  now = () => new Date(this.time);
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
    this.onSleep();
  };
}

type Answer = Partial<DatabaseSnapshot> | null | PortError;

interface RdsScript {
  /** databaseStatus's answer (default available); undefined: no such database. */
  status?: string | undefined;
  /** A snapshot of that identifier RDS has already (a resumed release). */
  existing?: DatabaseSnapshot;
  /** What createSnapshot throws instead of starting one. */
  createError?: PortError;
  /** Whether a throwing create started the snapshot all the same (an answer lost on the way back). */
  createAppliedAnyway?: boolean;
  /** getSnapshot's answers once a snapshot exists, one per call; the last repeats. null: RDS no longer describes it. */
  polls?: Answer[];
}

const snapshot = (fields: Partial<DatabaseSnapshot> = {}): DatabaseSnapshot => ({ identifier: ID, database: DB, status: 'creating', progressPercent: 0, ...fields });

/** An RDS that answers as scripted and writes down every call. */
function fakeRds(script: RdsScript = {}) {
  const calls: string[] = [];
  let exists = script.existing !== undefined;
  const polls = [...(script.polls ?? [{ status: 'available', progressPercent: 100 }])];
  const port: DatabaseSnapshotsPort = {
    async databaseStatus() {
      calls.push('databaseStatus');
      return 'status' in script ? script.status : 'available';
    },
    async createSnapshot() {
      calls.push('createSnapshot');
      if (script.createError) {
        exists ||= script.createAppliedAnyway === true;
        throw script.createError;
      }
      exists = true;
      return snapshot();
    },
    async getSnapshot() {
      calls.push('getSnapshot');
      if (!exists) return undefined;
      if (script.existing && calls.filter((c) => c === 'getSnapshot').length === 1) return script.existing;
      const answer = polls.length > 1 ? polls.shift()! : polls[0]!;
      if (answer instanceof PortError) throw answer;
      return answer === null ? undefined : snapshot(answer);
    },
  };
  return { port, calls };
}

async function run(script: RdsScript, options: Partial<TakeSnapshotDeps> = {}, database: DatabaseRef = DB) {
  const rds = fakeRds(script);
  const clock = new SteppingClock();
  const lines: string[] = [];
  const outcome = await takeSnapshot(database, ID, { snapshots: rds.port, clock, ...options }, (line) => lines.push(line));
  return { outcome, lines, calls: rds.calls, clock };
}

const creating = (percent: number): Answer => ({ status: 'creating', progressPercent: percent });
const AVAILABLE: Answer = { status: 'available', progressPercent: 100 };

describe('takeSnapshot: the snapshot stage of a release', () => {
  it('given an available database, when the snapshot is taken, then it is created once, polled until available, each progress line once', async () => {
    // when
    const { outcome, lines, calls, clock } = await run({ polls: [creating(0), creating(40), creating(40), AVAILABLE] });
    // then
    expect(outcome).toEqual({ kind: 'available', identifier: ID, database: DB });
    expect(calls).toEqual(['getSnapshot', 'databaseStatus', 'createSnapshot', 'getSnapshot', 'getSnapshot', 'getSnapshot', 'getSnapshot']);
    expect(lines).toEqual([
      `${ID}: snapshot of DB instance shop-staging-db started`,
      `${ID}: creating, 0%`,
      `${ID}: creating, 40%`,
      `${ID}: available, 100%`,
    ]);
    expect(clock.sleeps).toEqual([5000, 5000, 5000, 5000]);
  });

  it('given pollMs, when the snapshot is followed, then RDS is asked that often', async () => {
    const { clock } = await run({ polls: [creating(50), AVAILABLE] }, { pollMs: 250 });
    expect(clock.sleeps).toEqual([250, 250]);
  });

  it('given an Aurora cluster, when its snapshot is taken, then the lines name the cluster', async () => {
    const cluster: DatabaseRef = { kind: 'cluster', identifier: 'shop-staging-aurora' };
    const rds = fakeRds();
    rds.port.getSnapshot = async () => (rds.calls.push('getSnapshot'), rds.calls.includes('createSnapshot') ? snapshot({ database: cluster, status: 'available' }) : undefined);
    const lines: string[] = [];
    const outcome = await takeSnapshot(cluster, ID, { snapshots: rds.port, clock: new SteppingClock() }, (l) => lines.push(l));
    expect(outcome).toEqual({ kind: 'available', identifier: ID, database: cluster });
    expect(lines[0]).toBe(`${ID}: snapshot of Aurora cluster shop-staging-aurora started`);
  });

  it('given a snapshot that took no time, when the create answers available, then no poll follows', async () => {
    const rds = fakeRds();
    rds.port.createSnapshot = async () => (rds.calls.push('createSnapshot'), snapshot({ status: 'available', progressPercent: 100 }));
    const outcome = await takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock() }, () => undefined);
    expect(outcome.kind).toBe('available');
    expect(rds.calls).toEqual(['getSnapshot', 'databaseStatus', 'createSnapshot']);
  });
});

describe('takeSnapshot: a database it cannot snapshot', () => {
  it('given no such database, when the snapshot is taken, then it fails naming the database and nothing is created', async () => {
    const { outcome, calls } = await run({ status: undefined });
    expect(outcome).toEqual({ kind: 'failed', identifier: ID, database: DB, reason: 'there is no DB instance shop-staging-db: nothing was snapshotted' });
    expect(calls).toEqual(['getSnapshot', 'databaseStatus']);
  });

  it.each(['modifying', 'backing-up', 'stopped'])('given a database that is %s, when the snapshot is taken, then it fails with that status and nothing is created', async (status) => {
    const { outcome, calls } = await run({ status });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `DB instance shop-staging-db is ${status}, not available: RDS snapshots only an available database` });
    expect(calls).not.toContain('createSnapshot');
  });

  it('given a database in storage-optimization, when the snapshot is taken, then it is created: RDS snapshots it then too', async () => {
    const { outcome, calls } = await run({ status: 'storage-optimization' });
    expect(outcome.kind).toBe('available');
    expect(calls).toContain('createSnapshot');
  });

  it('given CreateDBSnapshot denied, when the snapshot is taken, then it fails quoting RDS, without asking again', async () => {
    const denied = new PortError('forbidden', 'RDS CreateDBSnapshot: access denied: not authorized to perform rds:CreateDBSnapshot');
    const { outcome, calls } = await run({ createError: denied });
    expect(outcome).toMatchObject({ kind: 'failed', reason: denied.message });
    expect(calls.filter((c) => c === 'createSnapshot')).toHaveLength(1);
  });
});

describe('takeSnapshot: a resumed release never takes a second snapshot', () => {
  it('given the snapshot exists already, when taken again, then it is followed: no database check, no create', async () => {
    // given a restart while RDS is backing the instance up for this very snapshot
    const script: RdsScript = { existing: snapshot({ progressPercent: 60 }), status: 'backing-up', polls: [AVAILABLE] };
    // when
    const { outcome, calls, lines } = await run(script);
    // then
    expect(outcome.kind).toBe('available');
    expect(calls).toEqual(['getSnapshot', 'getSnapshot']);
    expect(lines).toEqual([`${ID}: snapshot of DB instance shop-staging-db started earlier; following it`, `${ID}: creating, 60%`, `${ID}: available, 100%`]);
  });

  it('given the snapshot exists and is available, when taken again, then it is available at once', async () => {
    const { outcome, calls, clock } = await run({ existing: snapshot({ status: 'available', progressPercent: 100 }) });
    expect(outcome.kind).toBe('available');
    expect(calls).toEqual(['getSnapshot']);
    expect(clock.sleeps).toEqual([]);
  });

  it('given the identifier taken between the look and the create, when SnapshotExistsError, then that snapshot is followed', async () => {
    const taken = new SnapshotExistsError('RDS CreateDBSnapshot: DBSnapshotAlreadyExistsFault: already exists');
    const { outcome, calls, lines } = await run({ createError: taken, createAppliedAnyway: true, polls: [creating(10), AVAILABLE] });
    expect(outcome.kind).toBe('available');
    expect(calls).toEqual(['getSnapshot', 'databaseStatus', 'createSnapshot', 'getSnapshot', 'getSnapshot']);
    expect(lines[0]).toBe(`${ID}: snapshot of DB instance shop-staging-db taken already; following it`);
  });

  it('given SnapshotExistsError but RDS does not describe the snapshot, when taken, then it fails saying so', async () => {
    const taken = new SnapshotExistsError('RDS CreateDBSnapshot: DBSnapshotAlreadyExistsFault: already exists');
    const { outcome } = await run({ createError: taken });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `${taken.message}, but RDS does not describe it` });
  });

  it('given a create whose answer was lost, when asked again at the next poll, then the snapshot it did start is followed, created once', async () => {
    const lost = new PortError('remote', 'RDS CreateDBSnapshot: socket hang up');
    const { outcome, calls, lines } = await run({ createError: lost, createAppliedAnyway: true, polls: [creating(30), AVAILABLE] });
    expect(outcome.kind).toBe('available');
    expect(calls.filter((c) => c === 'createSnapshot')).toHaveLength(1);
    expect(lines.slice(0, 2)).toEqual([`${ID}: ${lost.message}; asking again`, `${ID}: snapshot of DB instance shop-staging-db started earlier; following it`]);
  });

  it('given the identifier taken by a snapshot of another database, when taken, then it fails naming that database', async () => {
    const other = snapshot({ database: { kind: 'instance', identifier: 'billing-db' } });
    const { outcome, calls } = await run({ existing: other });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `the identifier ${ID} is taken by a snapshot of DB instance billing-db` });
    expect(calls).toEqual(['getSnapshot']);
  });

  it('given the existing snapshot names the database in upper case, when taken again, then it is the same database', async () => {
    const { outcome } = await run({ existing: snapshot({ database: { kind: 'instance', identifier: 'SHOP-STAGING-DB' }, status: 'available' }) });
    expect(outcome.kind).toBe('available');
  });

  it('given a cluster snapshot of the same name as the instance, when taken, then it is not taken for the instance', async () => {
    const { outcome } = await run({ existing: snapshot({ database: { kind: 'cluster', identifier: 'shop-staging-db' } }) });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `the identifier ${ID} is taken by a snapshot of Aurora cluster shop-staging-db` });
  });
});

describe('takeSnapshot: a snapshot that does not become available', () => {
  it.each(['failed', 'deleting', 'deleted', 'incompatible-restore'])('given RDS reports the snapshot %s, when followed, then it fails saying so', async (status) => {
    const { outcome, lines } = await run({ polls: [creating(20), { status, progressPercent: 20 }, AVAILABLE] });
    expect(outcome).toEqual({
      kind: 'failed',
      identifier: ID,
      database: DB,
      reason: `RDS reports snapshot ${ID} of DB instance shop-staging-db as ${status}: it will not become available`,
    });
    expect(lines.at(-1)).toBe(`${ID}: ${status}, 20%`);
  });

  it('given a status RDS adds later, without a percent, when followed, then it is waited through', async () => {
    const { outcome, lines } = await run({ polls: [{ status: 'pending', progressPercent: undefined }, AVAILABLE] });
    expect(outcome.kind).toBe('available');
    expect(lines).toContain(`${ID}: pending`);
  });

  it('given the snapshot disappears while followed, when looked at, then it fails saying it is gone', async () => {
    const { outcome } = await run({ polls: [creating(20), null] });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `snapshot ${ID} is gone: RDS no longer describes it` });
  });

  it('given a snapshot still creating after the time limit, when followed, then it fails with what RDS last said, after waiting exactly the limit', async () => {
    // when
    const { outcome, clock } = await run({ polls: [creating(10), creating(30)] }, { timeoutMs: 60_000, pollMs: 25_000 });
    // then
    expect(outcome).toMatchObject({ kind: 'failed', reason: `timed out after 1 min waiting for ${ID} to become available; RDS last said: creating, 30%` });
    expect(clock.sleeps).toEqual([25_000, 25_000, 10_000]);
  });

  it('given the default time limit, when a snapshot never finishes, then it gives up after two hours', async () => {
    const { outcome, clock } = await run({ polls: [creating(5)] }, { pollMs: 600_000 });
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^timed out after 120 min /) });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(2 * 60 * 60 * 1000);
  });

  it('given RDS throttling a look, when followed, then it is asked again at the next poll', async () => {
    const throttled = new PortError('throttled', 'RDS DescribeDBSnapshots: throttled by AWS (Throttling: Rate exceeded)');
    const { outcome, lines, calls } = await run({ polls: [creating(10), throttled, creating(70), AVAILABLE] });
    expect(outcome.kind).toBe('available');
    expect(lines).toEqual([
      `${ID}: snapshot of DB instance shop-staging-db started`,
      `${ID}: creating, 0%`,
      `${ID}: creating, 10%`,
      `${ID}: ${throttled.message}; asking again`,
      `${ID}: creating, 70%`,
      `${ID}: available, 100%`,
    ]);
    expect(calls.filter((c) => c === 'createSnapshot')).toHaveLength(1);
  });

  it('given RDS unreachable until the time limit, when followed, then the failure quotes the last error', async () => {
    const down = new PortError('unreachable', 'RDS DescribeDBSnapshots: connect ECONNREFUSED');
    const { outcome } = await run({ polls: [creating(10), down] }, { timeoutMs: 20_000 });
    expect(outcome).toMatchObject({ kind: 'failed', reason: `timed out after 0 min waiting for ${ID} to become available; RDS last said: ${down.message}` });
  });

  it('given RDS refusing a look outright, when followed, then it fails quoting RDS', async () => {
    const denied = new PortError('forbidden', 'RDS DescribeDBSnapshots: access denied');
    const { outcome } = await run({ polls: [creating(10), denied] });
    expect(outcome).toMatchObject({ kind: 'failed', reason: denied.message });
  });

  it('given a bug in an adapter (not a PortError), when it throws, then the error is not taken for a failed snapshot', async () => {
    const rds = fakeRds();
    rds.port.databaseStatus = async () => {
      throw new TypeError('cannot read properties of undefined');
    };
    await expect(takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock() }, () => undefined)).rejects.toThrow(TypeError);
  });
});

describe('takeSnapshot: stopping', () => {
  it('given an aborted signal, when the stage starts, then it rejects with the reason and calls nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const rds = fakeRds();
    const result = takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock(), signal: controller.signal }, () => undefined);
    await expect(result).rejects.toThrow('shutting down');
    expect(rds.calls).toEqual([]);
  });

  it('given a signal aborted while waiting for the next poll, when it wakes, then it rejects with the reason and asks RDS no more', async () => {
    // given
    const controller = new AbortController();
    const rds = fakeRds({ polls: [creating(10)] });
    const clock = new SteppingClock();
    clock.onSleep = () => {
      if (clock.sleeps.length === 2) controller.abort(new Error('another replica took over'));
    };
    // when
    const result = takeSnapshot(DB, ID, { snapshots: rds.port, clock, signal: controller.signal }, () => undefined);
    // then
    await expect(result).rejects.toThrow('another replica took over');
    expect(rds.calls).toEqual(['getSnapshot', 'databaseStatus', 'createSnapshot', 'getSnapshot']);
  });

  it('given a signal aborted during an RDS call, when the call returns, then it rejects with the reason', async () => {
    const controller = new AbortController();
    const rds = fakeRds();
    const create = rds.port.createSnapshot;
    rds.port.createSnapshot = async (database, identifier) => {
      const created = await create(database, identifier);
      controller.abort(new Error('stopping'));
      return created;
    };
    await expect(takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock(), signal: controller.signal }, () => undefined)).rejects.toThrow('stopping');
    expect(rds.calls).toEqual(['getSnapshot', 'databaseStatus', 'createSnapshot']);
  });

  it('given a signal aborted during the look that finds the snapshot available, when it returns, then it rejects: this process no longer follows', async () => {
    // given
    const controller = new AbortController();
    const rds = fakeRds({ polls: [AVAILABLE] });
    const look = rds.port.getSnapshot;
    rds.port.getSnapshot = async (database, identifier) => {
      const snapshot = await look(database, identifier);
      if (snapshot?.status === 'available') controller.abort(new Error('another replica took over'));
      return snapshot;
    };
    // when
    const result = takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock(), signal: controller.signal }, () => undefined);
    // then
    await expect(result).rejects.toThrow('another replica took over');
  });

  it.each(['throttled', 'forbidden'] as const)('given a signal aborted during an RDS call that fails %s, when the call throws, then the abort wins over the error', async (code) => {
    const controller = new AbortController();
    const rds = fakeRds();
    rds.port.databaseStatus = async () => {
      controller.abort(new Error('stopping'));
      throw new PortError(code, `RDS DescribeDBInstances: ${code}`);
    };
    await expect(takeSnapshot(DB, ID, { snapshots: rds.port, clock: new SteppingClock(), signal: controller.signal }, () => undefined)).rejects.toThrow('stopping');
  });
});
