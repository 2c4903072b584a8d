import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../../src/domain/checks/check.js';
import { deploymentCheck } from '../../../../src/domain/checks/k8s/deployment.js';
import { imageRegistryCheck } from '../../../../src/domain/checks/k8s/image-registry.js';
import { k8sChecks } from '../../../../src/domain/checks/k8s/index.js';
import { probesCheck } from '../../../../src/domain/checks/k8s/probes.js';
import { rolloutAsWorkload } from '../../../../src/domain/readiness/workload-object.js';
import type { ArgoRollout, ArgoRolloutsPort } from '../../../../src/ports/argo-rollouts.port.js';
import type { Deployment } from '../../../../src/ports/cluster.port.js';
import { PortError } from '../../../../src/ports/port-error.js';
import { checkContext } from '../../../support/fake-ports.js';
import { backendRepository, clusterWith, healthyDeployment, mainContainer } from '../../../support/k8s-builders.js';

const NOT_INSTALLED = 'Argo Rollouts is not installed (no rollouts.argoproj.io in the API server) (get rollout shop-staging/backend)';

/** A Healthy Rollout `backend` whose pod template, replicas and counts are the Deployment's. */
function rolloutLike(deployment: Deployment): ArgoRollout {
  const replicas = deployment.spec.replicas ?? 1;
  return {
    name: deployment.name,
    namespace: deployment.namespace,
    uid: 'uid-backend',
    generation: 3,
    resourceVersion: '812',
    spec: { replicas, template: deployment.spec.template, canarySteps: [{ setWeight: 50 }, { pause: {} }], paused: false },
    status: {
      phase: 'Healthy',
      message: '',
      observedGeneration: 3,
      currentStepIndex: 2,
      currentPodHash: 'abc',
      stableRS: 'abc',
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      pauseConditions: [],
      controllerPause: false,
      abort: false,
      conditions: [{ type: 'Available', status: 'True' }],
    },
  };
}

const rolloutsWith = (found: ArgoRollout | undefined | Error): Pick<ArgoRolloutsPort, 'getRollout'> => ({
  getRollout: async (_namespace, name) => {
    if (found instanceof Error) throw found;
    return found?.name === name ? found : undefined;
  },
});

const ROLLOUT_TARGET = { kubernetes: { deployment: 'backend', container: 'backend', kind: 'Rollout' as const } };

/** The service as a Rollout: the cluster port answers Secrets and policies only (no Deployment read). */
const rolloutContext = (found: ArgoRollout | undefined | Error) => {
  const { secretExists, listNetworkPolicies } = clusterWith();
  return checkContext({ target: ROLLOUT_TARGET, ports: { rollouts: rolloutsWith(found), cluster: { secretExists, listNetworkPolicies }, ecr: { getRepository: async () => backendRepository() } } });
};

const statuses = async (run: (check: (typeof k8sChecks)[number]) => Promise<CheckOutcome>) =>
  Object.fromEntries(await Promise.all(k8sChecks.filter((c) => c.id !== 'k8s.rollout').map(async (c) => [c.id, (await run(c)).status])));

describe('a Rollout seen as a Deployment: the k8s.* checks judge its pod template', () => {
  it('maps name, replicas, pod template and replica counts, marking it a Rollout', () => {
    // given
    const rollout = rolloutLike(healthyDeployment());
    // when
    const workload = rolloutAsWorkload(rollout);
    // then
    expect(workload).toEqual({
      kind: 'Rollout',
      name: 'backend',
      namespace: 'shop-staging',
      generation: 3,
      resourceVersion: '812',
      labels: {},
      annotations: {},
      spec: { replicas: 2, selector: { matchLabels: { app: 'backend' } }, template: rollout.spec.template },
      status: { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [{ type: 'Available', status: 'True' }] },
    });
  });

  it.each([
    ['a healthy pod template', (_: Deployment) => undefined],
    [
      'a template running as root without probes, resources or spread, on one replica',
      (d: Deployment) => {
        const container = mainContainer(d);
        delete container.readinessProbe;
        delete container.resources;
        container.securityContext = {};
        d.spec.template.spec.securityContext = {};
        d.spec.replicas = 1;
        d.spec.template.labels = { app: 'unselected' };
      },
    ],
  ])('given %s, when every k8s.* check runs on the Rollout, then each says what it says of the same Deployment', async (_, edit) => {
    // given
    const deployment = healthyDeployment(edit);
    const asDeployment = checkContext({ ports: { cluster: clusterWith({ deployment }), ecr: { getRepository: async () => backendRepository() } } });
    const asRollout = rolloutContext(rolloutLike(deployment));
    // when
    const [ofDeployment, ofRollout] = await Promise.all([statuses((c) => c.run(asDeployment)), statuses((c) => c.run(asRollout))]);
    // then
    expect(ofRollout).toEqual(ofDeployment);
    expect(Object.values(ofRollout)).not.toContain('skip');
  });

  it('given a Rollout, when the container checks pass or fail, then their findings name rollout/<name>', async () => {
    // given
    const rollout = rolloutLike(healthyDeployment((d) => delete mainContainer(d).livenessProbe));
    // when
    const [found, probes] = await Promise.all([deploymentCheck.run(rolloutContext(rollout)), probesCheck.run(rolloutContext(rollout))]);
    // then
    expect(found).toMatchObject({ status: 'pass', finding: 'rollout/backend container backend runs 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0' });
    expect(probes.finding).toBe('rollout/backend container backend has a readinessProbe but no livenessProbe: a hung process is never restarted');
  });

  it("given a Rollout running another registry's image, when k8s.image-registry fails, then its fix sets the image with the Argo Rollouts plugin", async () => {
    // given
    const rollout = rolloutLike(healthyDeployment((d) => (mainContainer(d).image = 'docker.io/library/backend:1.1.0')));
    // when
    const outcome = await imageRegistryCheck.run(rolloutContext(rollout));
    // then
    expect(outcome.status).toBe('fail');
    expect(outcome.fix).toBe(
      '/deploy backend 1.1.0 staging (or kubectl argo rollouts -n shop-staging set image backend backend=111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend:1.1.0)',
    );
  });
});

describe('k8s.deployment for a Rollout that cannot be found', () => {
  it('given no Rollout of that name, when run, then it fails naming the Rollout and the config key, and the other checks skip', async () => {
    // given
    const context = rolloutContext(undefined);
    // when
    const [outcome, probes] = await Promise.all([deploymentCheck.run(context), probesCheck.run(context)]);
    // then
    expect(outcome).toEqual({
      status: 'fail',
      finding: 'rollout/backend not found in namespace shop-staging',
      fix: "kubectl -n shop-staging get rollouts.argoproj.io, then set services.backend.kubernetes.rollout to the right name (or apply the service's manifests)",
    });
    expect(probes).toEqual({ status: 'skip', finding: 'rollout/backend not found in shop-staging (k8s.deployment reports it)', fix: '' });
  });

  it('given a cluster without Argo Rollouts, when run, then it fails naming the Rollout and quoting why, and the other checks skip', async () => {
    // given
    const context = rolloutContext(new PortError('invalid', NOT_INSTALLED));
    // when
    const outcomes = await Promise.all(k8sChecks.map((c) => c.run(context)));
    // then
    expect(outcomes[0]).toEqual({
      status: 'fail',
      finding: `rollout/backend cannot be read in namespace shop-staging: ${NOT_INSTALLED}`,
      fix: "install Argo Rollouts in the cluster (https://argo-rollouts.readthedocs.io/en/stable/installation/), or set services.backend.kubernetes.kind: Deployment and name the service's Deployment",
    });
    expect(outcomes.slice(1)).toEqual(
      k8sChecks.slice(1).map(() => ({ status: 'skip', finding: 'rollout/backend cannot be read: Argo Rollouts is not installed (k8s.deployment reports it)', fix: '' })),
    );
  });

  it('given the API server unreachable, when run, then the error is not taken for a missing Argo Rollouts', async () => {
    // given
    const context = rolloutContext(new PortError('unreachable', 'Kubernetes get rollout shop-staging/backend: connect ECONNREFUSED'));
    // when
    const [outcome, probes] = await Promise.allSettled([deploymentCheck.run(context), probesCheck.run(context)]);
    // then
    expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'unreachable' } });
    expect(probes).toMatchObject({ status: 'rejected', reason: { code: 'unreachable' } });
  });

  it('given a Deployment service, when a PortError invalid comes from the cluster, then it is not taken for a missing Argo Rollouts', async () => {
    // given
    const context = checkContext({ ports: { cluster: { getDeployment: async () => Promise.reject(new PortError('invalid', 'bad request')) } } });
    // when
    const outcome = await deploymentCheck.run(context).catch((error: unknown) => error);
    // then
    expect(outcome).toMatchObject({ code: 'invalid', message: 'bad request' });
  });
});
