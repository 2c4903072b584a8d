import type { ServerResponse } from 'node:http';
import type { World } from '../world.js';
import { imageRunOf } from './job-objects.js';
import type { KubeStore } from './kube-store.js';
import { badRequest, notFound, sendStatus } from './kube-status.js';
import type { ContainerStatusShape, PodShape } from './rollout-controller-objects.js';

/**
 * GET /api/v1/namespaces/NS/pods/NAME/log: what the container wrote (the
 * world's `kubernetes.images[image].log`), as text/plain, with `container`,
 * `tailLines` and `previous`. The errors are kubelet's, passed on by the API
 * server as 400 Status objects: no container named in a pod of several, an
 * unknown container, no previous run, a container still waiting to start.
 */
export function servePodLog(world: World, store: KubeStore, namespace: string, name: string, query: URLSearchParams, res: ServerResponse): void {
  const pod = (store.derivedIn(namespace).pods as PodShape[]).find((p) => p.metadata?.name === name);
  if (!pod) return sendStatus(res, notFound({ group: '', resource: 'pods' }, name));
  const tailText = query.get('tailLines');
  if (tailText !== null && !/^\d+$/.test(tailText)) return sendStatus(res, badRequest(`invalid tailLines "${tailText}": must be a non-negative integer`));

  const statuses = pod.status.containerStatuses;
  const containerName = query.get('container') ?? (statuses.length === 1 ? statuses[0]!.name : undefined);
  if (containerName === undefined) {
    return sendStatus(res, badRequest(`a container name must be specified for pod ${name}, choose one of: [${statuses.map((c) => c.name).join(' ')}]`));
  }
  const container = statuses.find((c) => c.name === containerName);
  if (!container) return sendStatus(res, badRequest(`container ${containerName} is not valid for pod ${name}`));
  const refusal = logRefusal(container, name, query.get('previous') === 'true');
  if (refusal) return sendStatus(res, badRequest(refusal));

  const lines = imageRunOf(container.image, world.kubernetes.images).log ?? [];
  const shown = tailText === null ? lines : lines.slice(Math.max(0, lines.length - Number(tailText)));
  const text = shown.map((line) => `${line}\n`).join('');
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Why kubelet has no log to give (validateContainerLogStatus), or undefined when it has one. */
function logRefusal(container: ContainerStatusShape, pod: string, previous: boolean): string | undefined {
  const { state, lastState, name } = container;
  if (previous) return lastState.terminated ? undefined : `previous terminated container "${name}" in pod "${pod}" not found`;
  if (state.running || state.terminated || lastState.terminated) return undefined;
  const reason = String(state.waiting?.reason ?? '');
  if (reason === 'ErrImagePull') return `container "${name}" in pod "${pod}" is waiting to start: image can't be pulled`;
  if (reason === 'ImagePullBackOff') return `container "${name}" in pod "${pod}" is waiting to start: trying and failing to pull image`;
  return `container "${name}" in pod "${pod}" is waiting to start: ${reason}`;
}
