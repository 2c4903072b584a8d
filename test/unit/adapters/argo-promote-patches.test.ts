import { describe, expect, it } from 'vitest';
import { promotePatches } from '../../../src/adapters/kube/argo-rollouts-adapter.js';
import type { RolloutWire } from '../../../src/adapters/kube/to-domain-argo.js';

const STEPS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { analysis: { templates: [{ templateName: 'error-rate' }] } }, { setWeight: 100 }];

function rollout(status: RolloutWire['status'], paused = false, steps: Record<string, unknown>[] = STEPS): RolloutWire {
  return { metadata: { name: 'checkout' }, spec: { paused, strategy: { canary: { steps } } }, status };
}

const atPause = { currentStepIndex: 1, currentPodHash: 'new', stableRS: 'old', pauseConditions: [{ reason: 'CanaryPauseStep' }] };

describe('promotePatches: what kubectl argo rollouts promote sends', () => {
  it('given a canary paused at a pause step, when promoted, then only the pause conditions are cleared, on the status subresource', () => {
    // when
    const patches = promotePatches(rollout(atPause), false);
    // then
    expect(patches).toEqual({ status: { status: { pauseConditions: null } }, unified: { status: { pauseConditions: null } } });
  });

  it('given a canary a person paused (spec.paused) at a pause step, when promoted, then spec.paused is unset on the object too, and the fallback patch carries both', () => {
    // when
    const patches = promotePatches(rollout(atPause, true), false);
    // then
    expect(patches).toEqual({
      spec: { spec: { paused: false } },
      status: { status: { pauseConditions: null } },
      unified: { spec: { paused: false }, status: { pauseConditions: null } },
    });
  });

  it('given a canary running its analysis step (no pause conditions), when promoted, then the step index moves on by one', () => {
    // when
    const patches = promotePatches(rollout({ currentStepIndex: 3, currentPodHash: 'new', stableRS: 'old' }), false);
    // then
    expect(patches.status).toEqual({ status: { pauseConditions: null, currentStepIndex: 4 } });
    expect(patches.spec).toBeUndefined();
  });

  it('given a canary with no step index yet, or already past its last step, when promoted, then the index is 1, or stays at the step count', () => {
    // when
    const fresh = promotePatches(rollout({}), false);
    const done = promotePatches(rollout({ currentStepIndex: 5 }), false);
    // then
    expect(fresh.status).toEqual({ status: { pauseConditions: null, currentStepIndex: 1 } });
    expect(done.status).toEqual({ status: { pauseConditions: null, currentStepIndex: 5 } });
  });

  it('given a Rollout without canary steps and not paused, when promoted, then nothing is patched; paused, only spec.paused', () => {
    // when
    const none = promotePatches(rollout({}, false, []), false);
    const paused = promotePatches(rollout({}, true, []), false);
    // then
    expect(none).toEqual({});
    expect(paused).toEqual({ spec: { spec: { paused: false } } });
  });

  it('given a canary mid-way, when fully promoted, then status.promoteFull is set; when the canary already is the stable, nothing is patched', () => {
    // when
    const full = promotePatches(rollout(atPause, true), true);
    const stable = promotePatches(rollout({ currentPodHash: 'same', stableRS: 'same' }), true);
    // then
    expect(full).toEqual({ status: { status: { promoteFull: true } }, unified: { status: { promoteFull: true } } });
    expect(stable).toEqual({});
  });
});
