import { describe, expect, it } from 'vitest';
import { rolloutStatus } from '../../../src/domain/deploys/rollout-status.js';
import type { Deployment, DeploymentCondition } from '../../../src/ports/cluster.port.js';

interface Shape {
  generation?: number;
  observedGeneration?: number;
  desired?: number;
  replicas?: number;
  updated?: number;
  available?: number;
  conditions?: DeploymentCondition[];
}

function deployment(shape: Shape): Deployment {
  return {
    name: 'backend',
    namespace: 'shop',
    generation: shape.generation ?? 2,
    labels: {},
    annotations: {},
    spec: {
      ...(shape.desired !== undefined ? { replicas: shape.desired } : {}),
      selector: { matchLabels: { app: 'backend' } },
      template: { labels: { app: 'backend' }, spec: { containers: [{ name: 'app', image: 'repo/backend:1.1.0' }] } },
    },
    status: {
      observedGeneration: shape.observedGeneration ?? 2,
      replicas: shape.replicas,
      updatedReplicas: shape.updated,
      availableReplicas: shape.available,
      conditions: shape.conditions ?? [],
    },
  };
}

const DEADLINE: DeploymentCondition = {
  type: 'Progressing',
  status: 'False',
  reason: 'ProgressDeadlineExceeded',
  message: 'ReplicaSet "backend-7d9f" has timed out progressing.',
};

describe('rolloutStatus (kubectl DeploymentStatusViewer)', () => {
  it('waits for the spec update while the controller has not observed the new generation', () => {
    // given a patched Deployment (generation 3) whose status is still generation 2's, fully rolled out
    const d = deployment({ generation: 3, observedGeneration: 2, desired: 3, replicas: 3, updated: 3, available: 3 });
    // when / then
    expect(rolloutStatus(d)).toEqual({ done: false, message: 'Waiting for deployment spec update to be observed...' });
  });

  it('checks the generation before the deadline: an unobserved spec hides a stale ProgressDeadlineExceeded', () => {
    const d = deployment({ generation: 3, observedGeneration: 2, desired: 3, conditions: [DEADLINE] });
    expect(rolloutStatus(d)).toEqual({ done: false, message: 'Waiting for deployment spec update to be observed...' });
  });

  it('reports an exceeded progress deadline as an error, before any replica count', () => {
    const d = deployment({ desired: 3, replicas: 4, updated: 1, available: 2, conditions: [DEADLINE] });
    expect(rolloutStatus(d)).toEqual({ done: false, message: '', error: 'deployment "backend" exceeded its progress deadline' });
  });

  it('ignores a Progressing condition with another reason', () => {
    const d = deployment({
      desired: 2,
      replicas: 2,
      updated: 2,
      available: 2,
      conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }],
    });
    expect(rolloutStatus(d)).toEqual({ done: true, message: 'deployment "backend" successfully rolled out' });
  });

  it('waits for new replicas to be updated', () => {
    const d = deployment({ desired: 3, replicas: 4, updated: 1, available: 3 });
    expect(rolloutStatus(d)).toEqual({ done: false, message: 'Waiting for deployment "backend" rollout to finish: 1 out of 3 new replicas have been updated...' });
  });

  it('counts a missing updatedReplicas as zero', () => {
    const d = deployment({ desired: 2, replicas: 2, available: 2 });
    expect(rolloutStatus(d).message).toBe('Waiting for deployment "backend" rollout to finish: 0 out of 2 new replicas have been updated...');
  });

  it('waits for old replicas to terminate once every new one is updated', () => {
    const d = deployment({ desired: 3, replicas: 5, updated: 3, available: 3 });
    expect(rolloutStatus(d)).toEqual({ done: false, message: 'Waiting for deployment "backend" rollout to finish: 2 old replicas are pending termination...' });
  });

  it('waits for updated replicas to become available', () => {
    const d = deployment({ desired: 3, replicas: 3, updated: 3, available: 1 });
    expect(rolloutStatus(d)).toEqual({ done: false, message: 'Waiting for deployment "backend" rollout to finish: 1 of 3 updated replicas are available...' });
  });

  it('is done when every replica is updated and available and no old one is left', () => {
    const d = deployment({ desired: 3, replicas: 3, updated: 3, available: 3 });
    expect(rolloutStatus(d)).toEqual({ done: true, message: 'deployment "backend" successfully rolled out' });
  });

  it('is done for a Deployment scaled to zero', () => {
    const d = deployment({ desired: 0, replicas: 0, updated: 0, available: 0 });
    expect(rolloutStatus(d)).toEqual({ done: true, message: 'deployment "backend" successfully rolled out' });
  });

  it('skips the updated-replicas rule when spec.replicas is unset, as kubectl does for a nil pointer', () => {
    const d = deployment({ replicas: 2, updated: 1, available: 1 });
    expect(rolloutStatus(d).message).toBe('Waiting for deployment "backend" rollout to finish: 1 old replicas are pending termination...');
  });

  it('treats an observedGeneration ahead of the generation as observed', () => {
    const d = deployment({ generation: 2, observedGeneration: 3, desired: 1, replicas: 1, updated: 1, available: 1 });
    expect(rolloutStatus(d).done).toBe(true);
  });

  it('finds the Progressing condition behind Available, as a real Deployment lists them', () => {
    // given a Deployment whose conditions come as the API server orders them: Available first
    const available: DeploymentCondition = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' };
    const d = deployment({ desired: 3, replicas: 4, updated: 1, available: 3, conditions: [available, DEADLINE] });
    // when / then the passed deadline is reported, not the replica counts
    expect(rolloutStatus(d)).toEqual({ done: false, message: '', error: 'deployment "backend" exceeded its progress deadline' });
  });
});
