import { describe, expect, it } from 'vitest';
import { podFailure } from '../../../src/domain/deploys/pod-failure.js';
import type { ContainerStateView, ContainerStatus, Pod } from '../../../src/ports/cluster.port.js';

const NEW_HASH = '7d9f8c6b5';
const OLD_HASH = '5c4b3a2d1';

function container(name: string, state: ContainerStateView, lastState: ContainerStateView = {}, restartCount = 0): ContainerStatus {
  return { name, image: 'repo/backend:1.1.0', ready: false, restartCount, state, lastState };
}

function pod(name: string, hash: string, containers: ContainerStatus[], initContainers: ContainerStatus[] = []): Pod {
  return {
    name,
    namespace: 'shop',
    labels: { app: 'backend', 'pod-template-hash': hash },
    podTemplateHash: hash,
    phase: 'Pending',
    containerStatuses: containers,
    initContainerStatuses: initContainers,
  };
}

const running = (name = 'app'): ContainerStatus => ({ ...container(name, { running: { startedAt: '2025-01-01T00:00:00Z' } }), ready: true });
const waiting = (reason: string, message?: string, name = 'app'): ContainerStatus =>
  container(name, { waiting: { reason, ...(message !== undefined ? { message } : {}) } });

describe('podFailure', () => {
  it.each([
    ['ImagePullBackOff', 'Back-off pulling image "repo/backend:1.1.0"'],
    ['ErrImagePull', 'rpc error: code = NotFound desc = failed to pull and unpack image "repo/backend:1.1.0": no match for platform in manifest'],
    ['CrashLoopBackOff', 'back-off 40s restarting failed container=app pod=backend-7d9f8c6b5-x2k4q'],
    ['CreateContainerConfigError', 'secret "backend-db" not found'],
  ] as const)('reports a new pod waiting with %s, quoting its message', (reason, message) => {
    // given
    const pods = [pod('backend-7d9f8c6b5-x2k4q', NEW_HASH, [waiting(reason, message)])];
    // when
    const failure = podFailure(pods, NEW_HASH);
    // then
    expect(failure).toEqual({ pod: 'backend-7d9f8c6b5-x2k4q', container: 'app', reason, message });
  });

  it('ignores waiting reasons a pod recovers from by itself', () => {
    const pods = [pod('backend-new-1', NEW_HASH, [waiting('ContainerCreating'), waiting('PodInitializing', undefined, 'sidecar')])];
    expect(podFailure(pods, NEW_HASH)).toBeUndefined();
  });

  it('ignores pods of the old ReplicaSet, however broken', () => {
    // given the old revision crash-loops (the reason for this deploy) and the new one is healthy
    const pods = [pod('backend-old-1', OLD_HASH, [waiting('CrashLoopBackOff', 'back-off 5m0s')]), pod('backend-new-1', NEW_HASH, [running()])];
    // when / then
    expect(podFailure(pods, NEW_HASH)).toBeUndefined();
  });

  it('picks the failing new pod among old and healthy ones', () => {
    const pods = [
      pod('backend-old-1', OLD_HASH, [waiting('ImagePullBackOff', 'old')]),
      pod('backend-new-1', NEW_HASH, [running()]),
      pod('backend-new-2', NEW_HASH, [running(), waiting('ErrImagePull', 'manifest unknown', 'sidecar')]),
    ];
    expect(podFailure(pods, NEW_HASH)).toEqual({ pod: 'backend-new-2', container: 'sidecar', reason: 'ErrImagePull', message: 'manifest unknown' });
  });

  it('reports an OOMKilled container from lastState while it is running again', () => {
    // given the kubelet restarted the container after the kernel killed it
    const oom = container('app', { running: {} }, { terminated: { reason: 'OOMKilled', exitCode: 137 } }, 2);
    // when
    const failure = podFailure([pod('backend-new-1', NEW_HASH, [oom])], NEW_HASH);
    // then
    expect(failure).toEqual({ pod: 'backend-new-1', container: 'app', reason: 'OOMKilled', message: 'exit code 137, restarted 2 times' });
  });

  it('reports OOMKilled rather than the CrashLoopBackOff it causes', () => {
    const looping = container('app', { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s' } }, { terminated: { reason: 'OOMKilled', exitCode: 137 } }, 3);
    expect(podFailure([pod('backend-new-1', NEW_HASH, [looping])], NEW_HASH)?.reason).toBe('OOMKilled');
  });

  it('reports an OOMKilled current state', () => {
    const killed = container('app', { terminated: { reason: 'OOMKilled', exitCode: 137, message: 'memory limit 128Mi' } });
    expect(podFailure([pod('backend-new-1', NEW_HASH, [killed])], NEW_HASH)).toMatchObject({ reason: 'OOMKilled', message: 'memory limit 128Mi' });
  });

  it('does not mistake an ordinary exit in lastState for a failure', () => {
    const restarted = container('app', { running: {} }, { terminated: { reason: 'Error', exitCode: 1 } }, 1);
    expect(podFailure([pod('backend-new-1', NEW_HASH, [restarted])], NEW_HASH)).toBeUndefined();
  });

  it('looks at init containers too', () => {
    const pods = [pod('backend-new-1', NEW_HASH, [waiting('PodInitializing')], [waiting('CreateContainerConfigError', 'configmap "migrations" not found', 'migrate')])];
    expect(podFailure(pods, NEW_HASH)).toEqual({
      pod: 'backend-new-1',
      container: 'migrate',
      reason: 'CreateContainerConfigError',
      message: 'configmap "migrations" not found',
    });
  });

  it('describes a back-off without a message from the last crash', () => {
    const looping = container('app', { waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { reason: 'Error', exitCode: 2 } }, 4);
    expect(podFailure([pod('backend-new-1', NEW_HASH, [looping])], NEW_HASH)?.message).toBe('last exit code 2 (Error), restarted 4 times');
  });

  it('looks at every pod when no template hash is given', () => {
    const pods = [pod('backend-any-1', OLD_HASH, [waiting('ErrImagePull', 'not found')])];
    expect(podFailure(pods)?.pod).toBe('backend-any-1');
  });

  it('finds nothing among healthy pods', () => {
    expect(podFailure([pod('backend-new-1', NEW_HASH, [running()])], NEW_HASH)).toBeUndefined();
    expect(podFailure([], NEW_HASH)).toBeUndefined();
  });

  it('reports an OOM kill with the exit code the container really ended with', () => {
    // given a process that caught the kernel's kill and exited with its own code
    const oom = container('app', { running: {} }, { terminated: { reason: 'OOMKilled', exitCode: 1 } }, 2);
    // when
    const failure = podFailure([pod('backend-new-1', NEW_HASH, [oom])], NEW_HASH);
    // then
    expect(failure?.message).toBe('exit code 1, restarted 2 times');
  });

  it('takes 137 (SIGKILL) as the exit code of an OOM kill that reports none', () => {
    const oom = container('app', { running: {} }, { terminated: { reason: 'OOMKilled' } }, 1);
    expect(podFailure([pod('backend-new-1', NEW_HASH, [oom])], NEW_HASH)?.message).toBe('exit code 137, restarted 1 times');
  });

  it('describes a back-off with neither a message nor a last termination by its restarts', () => {
    // given a crash-looping container whose lastState the kubelet has not filled in
    const looping = container('app', { waiting: { reason: 'CrashLoopBackOff' } }, {}, 5);
    // when
    const failure = podFailure([pod('backend-new-1', NEW_HASH, [looping])], NEW_HASH);
    // then
    expect(failure).toEqual({ pod: 'backend-new-1', container: 'app', reason: 'CrashLoopBackOff', message: 'restarted 5 times' });
  });

  it('describes a back-off whose last termination has neither exit code nor reason', () => {
    const looping = container('app', { waiting: { reason: 'CrashLoopBackOff' } }, { terminated: {} }, 1);
    expect(podFailure([pod('backend-new-1', NEW_HASH, [looping])], NEW_HASH)?.message).toBe('last exit code ?, restarted 1 times');
  });

  it('reports a fatal waiting reason that carries no message with an empty message', () => {
    const pods = [pod('backend-new-1', NEW_HASH, [waiting('ImagePullBackOff')])];
    expect(podFailure(pods, NEW_HASH)).toEqual({ pod: 'backend-new-1', container: 'app', reason: 'ImagePullBackOff', message: '' });
  });
});
