import { afterEach, describe, expect, it } from 'vitest';
import { releaseRecords } from '../../src/demo/release-records.js';
import type { DemoStage } from '../../src/demo/demo-stage.js';
import { codebuildRunsOf } from '../../src/sandbox/aws/codebuild-runs.js';
import { rdsSnapshotsOf } from '../../src/sandbox/aws/rds-snapshots.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';

let session: SandboxSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function demoWorld(): Promise<DemoStage> {
  session = await startSandboxSession(loadScenario('demo'));
  return { session, say: () => undefined, show: () => undefined };
}

/** A manual snapshot of shop-staging-db made `agoMs` before now, as CreateDBSnapshot would record it. */
function snapshotTaken(stage: DemoStage, identifier: string, agoMs: number): void {
  const { state } = stage.session.sandbox;
  const database = state.world.rds!.instances!.find((i) => i.identifier === 'shop-staging-db')!;
  rdsSnapshotsOf(state).start(state, identifier, { kind: 'instance', database }, codebuildRunsOf(state).clock.now().getTime() - agoMs);
}

describe("the demo's release records: what the sandbox itself holds, not the bot's words", () => {
  it('stops the demo when RDS holds no snapshot of the database', async () => {
    // given: the demo world before any release
    const stage = await demoWorld();
    // when / then
    expect(() => releaseRecords(stage, '1.4.0')).toThrow('RDS holds 0 snapshot(s) of shop-staging-db, not one available');
  });

  it('stops the demo when the one snapshot is still being created', async () => {
    // given
    const stage = await demoWorld();
    snapshotTaken(stage, 'shipmate-staging-1-4-0-abc123', 0);
    // when / then
    expect(() => releaseRecords(stage, '1.4.0')).toThrow('RDS holds 1 snapshot(s) of shop-staging-db, not one available');
  });

  it('stops the demo when a second snapshot was taken', async () => {
    // given
    const stage = await demoWorld();
    snapshotTaken(stage, 'shipmate-staging-1-4-0-abc123', 60_000);
    snapshotTaken(stage, 'shipmate-staging-1-4-0-def456', 60_000);
    // when / then
    expect(() => releaseRecords(stage, '1.4.0')).toThrow('RDS holds 2 snapshot(s) of shop-staging-db, not one available');
  });

  it('stops the demo when the snapshot is there but no migration Job ran', async () => {
    // given
    const stage = await demoWorld();
    snapshotTaken(stage, 'shipmate-staging-1-4-0-abc123', 60_000);
    // when / then
    expect(() => releaseRecords(stage, '1.4.0')).toThrow('shop-staging ran 0 Job(s), not one that completed');
  });
});
