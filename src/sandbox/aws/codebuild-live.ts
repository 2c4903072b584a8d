import type { SandboxState } from '../sandbox-state.js';
import type { World } from '../world.js';
import { assignSlots, courseOf } from './codebuild-capacity.js';
import { stateAt, timelineOf, type Timeline } from './codebuild-phases.js';
import { pushBuiltImage } from './codebuild-push.js';
import { codebuildRunsOf, type SandboxRun } from './codebuild-runs.js';

/**
 * Brings the sandbox's own builds up to `now` (epoch ms): works out each one's
 * phases, writes its status into the world's build record (so ListBuilds and
 * whatever else reads the world see it), and puts the image of a build that
 * has just succeeded into ECR. Run before every AWS call, so ECR shows a
 * finished build's image even when nobody looked at the build itself.
 */
export function settleBuilds(state: SandboxState, now: number): void {
  const runs = codebuildRunsOf(state);
  const all = runs.all();
  if (all.length === 0) return;
  const { world } = state;
  const slots = assignSlots(world, all, (id) => runs.byId.has(id));
  for (const run of all) {
    const slotAt = slots.get(run.id);
    const timeline = timelineOf({ ...courseOf(run), ...(slotAt !== undefined ? { slotAt } : {}) });
    run.state = stateAt(timeline, now);
    recordInWorld(world, run);
    if (run.state.status === 'SUCCEEDED' && !run.pushed) {
      run.pushed = true;
      pushBuiltImage(world, run, pushTime(timeline));
    }
  }
}

function recordInWorld(world: World, run: SandboxRun): void {
  const record = world.codebuild.builds.find((b) => b.id === run.id);
  if (!record || !run.state) return;
  record.buildStatus = run.state.status;
  record.currentPhase = run.state.currentPhase;
  if (run.state.endTime !== undefined) record.endTime = new Date(run.state.endTime).toISOString();
}

/** The buildspec pushes the image in BUILD (`docker buildx build … --push`). */
function pushTime(timeline: Timeline): number {
  const build = timeline.phases.find((p) => p.type === 'BUILD');
  return build?.end ?? timeline.completedAt ?? build?.start ?? 0;
}
