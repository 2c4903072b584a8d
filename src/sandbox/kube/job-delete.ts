import { sendJson } from '../sandbox-handler.js';
import { jobControllerOf } from './job-controller.js';
import { storedJobs } from './job-objects.js';
import type { VerbHandler } from './kube-request.js';
import { objectBody } from './kube-representation.js';
import { badRequest, invalid, notFound, sendStatus } from './kube-status.js';
import { timestampOf } from './rollout-controller-clock.js';

const POLICIES = ['Foreground', 'Background', 'Orphan'];

/** What a real API server warns of when a batch/v1 Job is deleted without a propagationPolicy. */
export const ORPHANED_PODS_WARNING =
  '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"';

/**
 * DELETE of a Job, with propagationPolicy from the query or the DeleteOptions
 * body. Background: the Job is gone at once (a Success Status) and its pods
 * after it. Foreground and Orphan answer with the Job marked for deletion
 * (deletionTimestamp, finalizer) before it goes, its pods deleted or left
 * ownerless. batch/v1 defaults to Orphan, with the Warning header a real
 * API server sends.
 */
export const deleteJob: VerbHandler = ({ world, store, resource, route, query, body, representation }, res) => {
  let options: { propagationPolicy?: unknown; kind?: unknown } = {};
  const text = body.toString('utf8').trim();
  try {
    if (text !== '') options = JSON.parse(text) as typeof options;
  } catch (error) {
    return sendStatus(res, badRequest(`error decoding DeleteOptions: ${(error as Error).message}`));
  }
  const policy = query.get('propagationPolicy') ?? options?.propagationPolicy;
  if (policy !== undefined && policy !== null && !POLICIES.includes(policy as string)) {
    const message = `Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan", "nil"`;
    return sendStatus(res, invalid({ group: 'meta.k8s.io', resource: 'deleteoptions', kind: 'DeleteOptions' }, '', [{ reason: 'FieldValueNotSupported', message, field: 'propagationPolicy' }]));
  }
  const name = route.name ?? '';
  const job = storedJobs(store, route.namespace ?? '').find((j) => j.metadata?.name === name);
  if (!job) return sendStatus(res, notFound(resource, name));

  const controller = jobControllerOf(world, store);
  if (policy === 'Background') {
    controller.remove(job, false);
    const details = { name, group: resource.group, kind: resource.resource, uid: job.metadata?.uid ?? '' };
    return sendJson(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
  }
  const orphan = policy !== 'Foreground';
  job.metadata = { ...job.metadata, deletionTimestamp: timestampOf(Date.now()), deletionGracePeriodSeconds: 0, finalizers: [orphan ? 'orphan' : 'foregroundDeletion'] };
  store.publish('batch/jobs', route.namespace ?? '', 'MODIFIED', job);
  const answer = objectBody(structuredClone(job), resource, representation);
  controller.remove(job, orphan);
  sendJson(res, 200, answer, policy === undefined || policy === null ? { warning: ORPHANED_PODS_WARNING } : {});
};
