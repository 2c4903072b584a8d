import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterPort } from '../../src/adapters/kube/cluster-adapter.js';
import type { ClusterPort, Deployment, Pod, StopWatching } from '../../src/ports/cluster.port.js';
import { PortError } from '../../src/ports/port-error.js';
import { stopRolloutController } from '../../src/sandbox/kube/rollout-controller.js';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/sandbox-server.js';
import { loadScenario } from '../../src/sandbox/scenarios.js';
import type { World, WorldRolloutBehaviour } from '../../src/sandbox/world.js';

const NS = 'shop-staging';
const REPO = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/backend';
const OLD_IMAGE = `${REPO}:1.1.0`;

let sandbox: Sandbox | undefined;
let dir: string | undefined;
const stops: StopWatching[] = [];

afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  if (sandbox) {
    stopRolloutController(sandbox.state);
    await sandbox.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  sandbox = undefined;
});

async function clusterFor(behaviour: WorldRolloutBehaviour = {}, edit: (world: World) => void = () => undefined): Promise<ClusterPort> {
  const world = loadScenario('healthy').world;
  world.kubernetes.behaviour = { podReadySeconds: 0.02, deadlineScale: 1 / 600, ...behaviour };
  edit(world);
  sandbox = await startSandbox({ world });
  dir = mkdtempSync(join(tmpdir(), 'shipmate-rollout-'));
  const kubeconfigPath = writeSandboxKubeconfig(dir, sandbox.url, { 'sandbox-staging': NS });
  return createClusterPort({ kubeconfigPath, context: 'sandbox-staging' });
}

/** Resolves with the first value a watch delivers that satisfies `done`. */
function watchUntil<T>(
  start: (onChange: (value: T) => void, onError: (error: Error) => void) => Promise<StopWatching>,
  done: (value: T) => boolean,
): { seen: T[]; result: Promise<T> } {
  const seen: T[] = [];
  const result = new Promise<T>((resolve, reject) => {
    start(
      (value) => {
        seen.push(value);
        if (done(value)) resolve(value);
      },
      reject,
    ).then((stop) => stops.push(stop), reject);
  });
  return { seen, result };
}

const complete = (generation: number) => (d: Deployment) =>
  (d.status.observedGeneration ?? 0) >= generation &&
  d.status.updatedReplicas === d.spec.replicas &&
  d.status.availableReplicas === d.spec.replicas &&
  d.status.replicas === d.spec.replicas &&
  d.status.conditions.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable');

const progressing = (reason: string) => (d: Deployment) => d.status.conditions.some((c) => c.type === 'Progressing' && c.reason === reason);

const waiting = (reason: string) => (pods: Pod[]) => pods.some((p) => p.containerStatuses.some((c) => c.state.waiting?.reason === reason));

describe('rollouts through the real client against the sandbox', () => {
  it('given the healthy world, when the backend image is patched, then the watch sees the generation bump and the rollout complete', async () => {
    // given
    const cluster = await clusterFor();

    // when
    const patched = await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.2.0`);
    const { seen, result } = watchUntil<Deployment>((on, err) => cluster.watchDeployment(NS, 'backend', on, err), complete(5));
    const done = await result;

    // then
    expect(patched.generation).toBe(5);
    expect(patched.spec.template.spec.containers[0]!.image).toBe(`${REPO}:1.2.0`);
    expect(done.annotations['deployment.kubernetes.io/revision']).toBe('5');
    expect(seen.some((d) => d.status.conditions.some((c) => c.reason === 'ReplicaSetUpdated' || c.reason === 'NewReplicaSetCreated'))).toBe(true);
    const replicaSets = await cluster.listReplicaSets(NS, { app: 'backend' });
    const current = replicaSets.find((rs) => rs.revision === 5)!;
    expect(current.images).toEqual([`${REPO}:1.2.0`]);
    expect(current.replicas).toBe(2);
    expect(replicaSets.find((rs) => rs.revision === 4)?.replicas).toBe(0);
    const pods = await cluster.listPods(NS, { app: 'backend' });
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.podTemplateHash === current.podTemplateHash && p.containerStatuses[0]!.ready)).toBe(true);
  });

  it('given a crash-looping image, when it is rolled out, then watchPods sees CrashLoopBackOff with restarts and the pod has BackOff events', async () => {
    // given
    const cluster = await clusterFor({ failures: { '1.3.0': 'crash-loop' } });

    // when
    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.3.0`);
    const { result } = watchUntil<Pod[]>(
      (on, err) => cluster.watchPods(NS, { app: 'backend' }, on, err),
      (pods) => pods.some((p) => p.containerStatuses.some((c) => c.state.waiting?.reason === 'CrashLoopBackOff' && c.restartCount > 0)),
    );
    const pods = await result;

    // then
    const crashing = pods.find((p) => p.containerStatuses[0]!.state.waiting?.reason === 'CrashLoopBackOff')!;
    expect(crashing.containerStatuses[0]!.lastState.terminated).toEqual({ reason: 'Error', exitCode: 1 });
    expect(crashing.containerStatuses[0]!.state.waiting?.message).toContain(`restarting failed container=backend pod=${crashing.name}_${NS}`);
    const events = await cluster.listEvents(NS, crashing.name);
    expect(events.some((e) => e.type === 'Warning' && e.reason === 'BackOff')).toBe(true);
    expect(events[0]!.reason).toBe('Scheduled');
  });

  it('given an image without the cluster platform, when rolled out, then the new pod goes ImagePullBackOff with the pull error in its events', async () => {
    const cluster = await clusterFor({ failures: { '1.4.0': 'image-pull' } });

    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.4.0`);
    const pods = await watchUntil<Pod[]>((on, err) => cluster.watchPods(NS, { app: 'backend' }, on, err), waiting('ImagePullBackOff')).result;

    const failing = pods.find((p) => p.containerStatuses[0]!.state.waiting?.reason === 'ImagePullBackOff')!;
    expect(failing.phase).toBe('Pending');
    const events = await cluster.listEvents(NS, failing.name);
    expect(events.map((e) => e.message)).toContain(
      `Failed to pull image "${REPO}:1.4.0": rpc error: code = NotFound desc = failed to pull and unpack image "${REPO}:1.4.0": no match for platform in manifest: not found`,
    );
  });

  it('given the Secret the container loads is missing, when rolled out, then the new pod reports CreateContainerConfigError naming it', async () => {
    const cluster = await clusterFor({}, (world) => {
      world.kubernetes.namespaces[NS]!.secrets = world.kubernetes.namespaces[NS]!.secrets.filter((s) => s !== 'backend-env');
    });

    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.2.0`);
    const pods = await watchUntil<Pod[]>((on, err) => cluster.watchPods(NS, { app: 'backend' }, on, err), waiting('CreateContainerConfigError')).result;

    const failing = pods.find((p) => p.containerStatuses[0]!.state.waiting?.reason === 'CreateContainerConfigError')!;
    expect(failing.containerStatuses[0]!.state.waiting?.message).toBe('secret "backend-env" not found');
  });

  it('given an image whose pods never become ready, when rolled out, then the Deployment reports ProgressDeadlineExceeded', async () => {
    const cluster = await clusterFor({ failures: { '1.5.0': 'never-ready' } });

    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.5.0`);
    const stalled = await watchUntil<Deployment>((on, err) => cluster.watchDeployment(NS, 'backend', on, err), progressing('ProgressDeadlineExceeded')).result;

    const condition = stalled.status.conditions.find((c) => c.type === 'Progressing')!;
    expect(condition.status).toBe('False');
    expect(condition.message).toMatch(/^ReplicaSet "backend-[a-z0-9]+" has timed out progressing\.$/);
    expect(stalled.status.availableReplicas).toBe(2);
    expect(stalled.status.updatedReplicas).toBe(1);
  });

  it('given a failed rollout, when patched back to the previous image, then the old ReplicaSet is scaled up again under a new revision and the rollout completes', async () => {
    const cluster = await clusterFor({ failures: { '1.3.0': 'crash-loop' } });
    const before = await cluster.listReplicaSets(NS, { app: 'backend' });
    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.3.0`);
    await watchUntil<Pod[]>((on, err) => cluster.watchPods(NS, { app: 'backend' }, on, err), waiting('CrashLoopBackOff')).result;

    const rolledBack = await cluster.setContainerImage(NS, 'backend', 'backend', OLD_IMAGE);
    const done = await watchUntil<Deployment>((on, err) => cluster.watchDeployment(NS, 'backend', on, err), complete(rolledBack.generation!)).result;

    expect(done.annotations['deployment.kubernetes.io/revision']).toBe('6');
    const after = await cluster.listReplicaSets(NS, { app: 'backend' });
    const reused = after.find((rs) => rs.name === before[0]!.name)!;
    expect(reused.revision).toBe(6);
    expect(reused.replicas).toBe(2);
    expect(after.find((rs) => rs.revision === 5)?.replicas).toBe(0);
    const pods = await cluster.listPods(NS, { app: 'backend' });
    expect(pods.every((p) => p.containerStatuses[0]!.image === OLD_IMAGE && p.containerStatuses[0]!.ready)).toBe(true);
  });

  it('given an empty image, when patched, then the 422 Status message comes back as an invalid PortError', async () => {
    const cluster = await clusterFor();

    const error = await cluster.setContainerImage(NS, 'backend', 'backend', '').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe('invalid');
    expect((error as PortError).message).toContain('Deployment.apps "backend" is invalid: spec.template.spec.containers[0].image: Required value');
  });

  it('given a container name the Deployment does not have, when set, then it is refused as invalid and nothing is patched', async () => {
    const cluster = await clusterFor();

    const error = await cluster.setContainerImage(NS, 'backend', 'sidecar', `${REPO}:1.2.0`).catch((e: unknown) => e);

    expect((error as PortError).code).toBe('invalid');
    expect((error as PortError).message).toBe('container "sidecar" not found in deployment/backend in shop-staging (it has backend)');
    expect((await cluster.getDeployment(NS, 'backend'))!.generation).toBe(4);
  });

  it('given a Deployment that does not exist, when set, then the error says so', async () => {
    const cluster = await clusterFor();

    const error = await cluster.setContainerImage(NS, 'payments', 'payments', `${REPO}:1.2.0`).catch((e: unknown) => e);

    expect((error as PortError).code).toBe('invalid');
    expect((error as PortError).message).toBe('deployment/payments not found in shop-staging');
  });

  it('given patch is denied by RBAC, when set, then a forbidden PortError quotes the 403', async () => {
    const cluster = await clusterFor({}, (world) => {
      world.faults = { deny: ['k8s:patch:deployments'] };
    });

    const error = await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.2.0`).catch((e: unknown) => e);

    expect((error as PortError).code).toBe('forbidden');
    expect((error as PortError).message).toContain('cannot patch resource "deployments" in API group "apps"');
  });

  it('given an open deployment watch, when the sandbox ends every watch stream, then the adapter watches again and still sees the rollout', async () => {
    const cluster = await clusterFor();
    const { result: first } = watchUntil<Deployment>((on, err) => cluster.watchDeployment(NS, 'backend', on, err), () => true);
    await first;
    const watchesBefore = sandbox!.state.callsTo('kubernetes').length;

    const { closers } = (await import('../../src/sandbox/kube/kube-store.js')).kubeStoreOf(sandbox!.state);
    const { result, seen } = watchUntil<Deployment>((on, err) => cluster.watchDeployment(NS, 'backend', on, err), complete(5));
    await new Promise((resolve) => setImmediate(resolve));
    [...closers].forEach((close) => close());
    await cluster.setContainerImage(NS, 'backend', 'backend', `${REPO}:1.2.0`);
    const done = await result;

    expect(done.generation).toBe(5);
    expect(seen[0]!.generation).toBe(4);
    expect(sandbox!.state.callsTo('kubernetes').length).toBeGreaterThan(watchesBefore);
  });
});
