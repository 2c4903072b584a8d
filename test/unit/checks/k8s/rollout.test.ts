import { describe, expect, it } from 'vitest';
import { rolloutCheck } from '../../../../src/domain/checks/k8s/rollout.js';
import type { Deployment } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { clusterWith, healthyDeployment } from '../../../support/k8s-builders.js';

const runWith = (edit: (d: Deployment) => void) =>
  rolloutCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: healthyDeployment(edit) }) } }));

describe('k8s.rollout', () => {
  it('given every replica updated and available, when run, then it passes', async () => {
    const outcome = await runWith(() => undefined);

    expect(outcome).toMatchObject({ status: 'pass', finding: '2/2 available, rollout complete' });
  });

  it('given the Progressing condition says ProgressDeadlineExceeded, when run, then it fails quoting its message', async () => {
    const outcome = await runWith((d) => {
      d.status.conditions[1] = {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: 'ReplicaSet "backend-7d9f8" has timed out progressing.',
      };
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend exceeded its progress deadline: "ReplicaSet "backend-7d9f8" has timed out progressing."');
    expect(outcome.fix).toContain('kubectl -n shop-staging rollout undo deployment/backend');
  });

  it('given fewer replicas available than desired, when run, then it fails with the count', async () => {
    const outcome = await runWith((d) => {
      d.status.availableReplicas = 1;
      d.status.readyReplicas = 1;
    });

    expect(outcome.status).toBe('fail');
    expect(outcome.finding).toBe('deployment/backend: 1 of 2 replicas available');
    expect(outcome.fix).toContain('kubectl -n shop-staging get pods -l app=backend');
  });

  it('given no availableReplicas in the status, when run, then none count as available', async () => {
    const outcome = await runWith((d) => {
      delete d.status.availableReplicas;
    });

    expect(outcome.finding).toBe('deployment/backend: 0 of 2 replicas available');
  });

  it('given spec.replicas left out, when one replica is available, then the default of 1 is desired', async () => {
    const outcome = await runWith((d) => {
      delete d.spec.replicas;
      Object.assign(d.status, { replicas: 1, updatedReplicas: 1, availableReplicas: 1 });
    });

    expect(outcome).toMatchObject({ status: 'pass', finding: '1/1 available, rollout complete' });
  });

  it('given a generation the controller has not observed yet, when run, then it warns a rollout is in progress', async () => {
    const outcome = await runWith((d) => {
      d.generation = 5;
    });

    expect(outcome.status).toBe('warn');
    expect(outcome.finding).toContain('generation 5 not yet observed by the controller (observed 4)');
    expect(outcome.fix).toBe('kubectl -n shop-staging rollout status deployment/backend');
  });

  it('given fewer replicas updated than desired, when run, then it warns', async () => {
    const outcome = await runWith((d) => {
      d.status.updatedReplicas = 1;
    });

    expect(outcome).toMatchObject({ status: 'warn', finding: 'deployment/backend: rollout in progress, 1 of 2 replicas updated' });
  });

  it('given old replicas still running next to the updated ones, when run, then it warns', async () => {
    const outcome = await runWith((d) => {
      d.status.replicas = 3;
    });

    expect(outcome).toMatchObject({ status: 'warn', finding: 'deployment/backend: rollout in progress, 1 old replica pending termination' });
  });

  it('given a Progressing condition listed after Available, when its deadline passed without a message, then it fails saying so', async () => {
    const outcome = await runWith((d) => {
      d.status.conditions = [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' },
      ];
    });

    expect(outcome).toMatchObject({ status: 'fail', finding: 'deployment/backend exceeded its progress deadline: "no message"' });
  });

  it('given a Deployment without a Progressing condition, when every replica is available, then it still passes', async () => {
    const outcome = await runWith((d) => {
      d.status.conditions = [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }];
    });

    expect(outcome).toMatchObject({ status: 'pass', finding: '2/2 available, rollout complete' });
  });

  it('given a generation and no observedGeneration yet, when run, then it warns that none was observed', async () => {
    const outcome = await runWith((d) => {
      delete d.status.observedGeneration;
    });

    expect(outcome).toMatchObject({
      status: 'warn',
      finding: 'deployment/backend: rollout in progress, generation 4 not yet observed by the controller (observed none)',
    });
  });

  it('given neither generation nor observedGeneration, when every replica is updated, then it passes', async () => {
    const outcome = await runWith((d) => {
      delete d.generation;
      delete d.status.observedGeneration;
    });

    expect(outcome.status).toBe('pass');
  });

  it('given fewer replicas updated, when run, then the fix follows the rollout', async () => {
    const outcome = await runWith((d) => {
      d.status.updatedReplicas = 1;
    });

    expect(outcome.fix).toBe('kubectl -n shop-staging rollout status deployment/backend');
  });

  it('given two old replicas still running, when run, then it warns in the plural with a command to follow the rollout', async () => {
    const outcome = await runWith((d) => {
      d.status.replicas = 4;
    });

    expect(outcome).toMatchObject({
      status: 'warn',
      finding: 'deployment/backend: rollout in progress, 2 old replicas pending termination',
      fix: 'kubectl -n shop-staging rollout status deployment/backend',
    });
  });

  it('given a selector of two labels, when replicas are missing, then the pods command selects by both', async () => {
    const outcome = await runWith((d) => {
      d.spec.selector.matchLabels = { app: 'backend', tier: 'api' };
      d.status.availableReplicas = 1;
    });

    expect(outcome.fix).toBe('kubectl -n shop-staging describe deployment/backend; kubectl -n shop-staging get pods -l app=backend,tier=api');
  });

  it('given a selector without matchLabels, when replicas are missing, then the pods command shows where the selector goes', async () => {
    const outcome = await runWith((d) => {
      d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['backend'] }] };
      d.status.availableReplicas = 1;
    });

    expect(outcome.fix).toBe('kubectl -n shop-staging describe deployment/backend; kubectl -n shop-staging get pods -l <selector>');
  });

  it('given the Deployment is missing, when run, then it skips', async () => {
    const outcome = await rolloutCheck.run(checkContext({ ports: { cluster: clusterWith({ deployment: undefined }) } }));

    expect(outcome.status).toBe('skip');
  });

  it('given the cluster throttles, when run, then the port error propagates', async () => {
    const cluster = { getDeployment: () => Promise.reject(new PortError('throttled', 'Kubernetes get deployments/backend: 429')) };

    await expect(rolloutCheck.run(checkContext({ ports: { cluster } }))).rejects.toThrow(PortError);
  });
});
