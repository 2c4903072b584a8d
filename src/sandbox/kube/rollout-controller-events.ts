import type { KubeObject } from './kube-objects.js';
import type { KubeStore } from './kube-store.js';
import { NODE_NAME } from './rollout-controller-objects.js';

export interface EventSource {
  /** kubelet, replicaset-controller, deployment-controller, default-scheduler */
  component: string;
  /** For kubelet events. */
  host?: string;
}

export interface EventRecord {
  about: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource;
  /** e.g. spec.containers{backend} for container events. */
  fieldPath?: string;
}

let sequence = 0n;

/** Event names end in the hex of a nanosecond timestamp, as client-go's recorder makes them, so names sort by time. */
function eventSuffix(): string {
  sequence += 1n;
  return (BigInt(Date.now()) * 1_000_000n + (sequence % 1_000_000n)).toString(16);
}

export const kubelet: EventSource = { component: 'kubelet', host: NODE_NAME };

/**
 * core/v1 Events as the components' event recorders write them: a repeat of
 * the same reason and message about the same object bumps `count` and
 * `lastTimestamp` of the existing Event instead of making a new one.
 */
export function recordEvent(store: KubeStore, at: string, record: EventRecord): void {
  const namespace = record.about.metadata?.namespace ?? '';
  const events = store.derivedIn(namespace).events;
  const involvedObject = {
    kind: String(record.about.kind ?? ''),
    namespace,
    name: record.about.metadata?.name ?? '',
    uid: record.about.metadata?.uid ?? '',
    apiVersion: String(record.about.apiVersion ?? 'v1'),
    ...(record.fieldPath ? { fieldPath: record.fieldPath } : {}),
  };
  const existing = events.find((e) => {
    const about = e.involvedObject as { uid?: string };
    return about.uid === involvedObject.uid && e.reason === record.reason && e.message === record.message;
  });
  if (existing) {
    existing.count = (existing.count as number) + 1;
    existing.lastTimestamp = at;
    store.publish('/events', namespace, 'MODIFIED', existing);
    return;
  }
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involvedObject.name}.${eventSuffix()}`, namespace, creationTimestamp: at },
    involvedObject,
    reason: record.reason,
    message: record.message,
    source: record.source,
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: record.type,
    eventTime: null,
    reportingComponent: record.source.component,
    reportingInstance: record.source.host ?? '',
  };
  events.push(event);
  store.publish('/events', namespace, 'ADDED', event);
}
