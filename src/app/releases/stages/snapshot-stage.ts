import type { ReleaseStage } from '../../../config/release-schema.js';
import { snapshotIdentifier } from '../../../domain/releases/snapshot-identifier.js';
import { takeSnapshot } from '../../../domain/releases/take-snapshot.js';
import { rich } from '../../../domain/text/rich-text.js';
import type { StageContext, StageResult } from './stage-context.js';

/** A manual RDS snapshot under a name fixed by the request (a resumed stage finds it instead of taking a second), followed until available. */
export async function snapshotStage(stage: Extract<ReleaseStage, { type: 'snapshot' }>, context: StageContext): Promise<StageResult> {
  const { request, plan, journal, deps } = context;
  const identifier = journal.progress.snapshot?.identifier ?? snapshotIdentifier(request.environment, plan.version, request.id);
  const database = { kind: stage.kind, identifier: stage.identifier };
  if (!journal.progress.snapshot) await journal.save((p) => ({ ...p, snapshot: { identifier, kind: stage.kind, database: stage.identifier } }));
  let last = '';
  const outcome = await takeSnapshot(
    database,
    identifier,
    { snapshots: context.ports.snapshots, clock: deps.clock, ...(deps.signal ? { signal: deps.signal } : {}), ...(deps.snapshotPollMs ? { pollMs: deps.snapshotPollMs } : {}) },
    (line) => {
      if (line === last) return;
      last = line;
      void context.say(rich`${line}`).catch((e: unknown) => deps.signal?.aborted || deps.log('progress reply failed', e));
    },
  );
  if (outcome.kind === 'failed') return { ok: false, reason: `the snapshot ${identifier} of ${stage.identifier} failed: ${outcome.reason}` };
  await journal.save((p) => ({ ...p, snapshot: { identifier, kind: stage.kind, database: stage.identifier, available: true } }));
  return { ok: true, summary: rich`snapshot ${identifier} of ${stage.identifier} is available` };
}
