import { sendJson } from '../sandbox-handler.js';
import { jobControllerOf } from './job-controller.js';
import { jobWithDefaults, storedJobs } from './job-objects.js';
import { validateJob } from './job-validation.js';
import type { KubeObject } from './kube-objects.js';
import { podNameSuffix } from './rollout-controller-objects.js';
import type { VerbHandler } from './kube-request.js';
import { objectBody } from './kube-representation.js';
import { alreadyExists, badRequest, invalid, notFound, sendStatus } from './kube-status.js';
import { timestampOf } from './rollout-controller-clock.js';

/**
 * POST of a batch/v1 Job, checked as the API server checks it: a JSON Job,
 * the request's namespace (which must exist), a valid spec (422 naming each
 * field), a name not taken (409). A `generateName` gets its 5 random
 * characters. Answered 201 with the stored Job, defaults filled in; the Job
 * controller starts on it right after.
 */
export const createJob: VerbHandler = ({ world, store, resource, route, body, representation }, res) => {
  const namespace = route.namespace ?? '';
  let job: KubeObject;
  try {
    job = JSON.parse(body.toString('utf8')) as KubeObject;
  } catch (error) {
    return sendStatus(res, badRequest(`Job in version "v1" cannot be handled as a Job: ${(error as Error).message}`));
  }
  if (typeof job !== 'object' || job === null || Array.isArray(job) || (job.kind !== undefined && job.kind !== 'Job')) {
    return sendStatus(res, badRequest('Job in version "v1" cannot be handled as a Job: the object provided is unrecognized'));
  }
  const metadata = (job.metadata ??= {});
  if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
    return sendStatus(res, badRequest('the namespace of the provided object does not match the namespace sent on the request'));
  }
  if (!metadata.name && typeof metadata.generateName === 'string' && metadata.generateName !== '') {
    metadata.name = `${metadata.generateName}${podNameSuffix()}`;
  }
  // Admission (NamespaceLifecycle) refuses a missing namespace before the object is validated.
  if (!world.kubernetes.namespaces[namespace]) return sendStatus(res, notFound({ group: '', resource: 'namespaces' }, namespace));
  const causes = validateJob(job);
  if (causes.length > 0) return sendStatus(res, invalid(resource, metadata.name ?? '', causes));
  const name = metadata.name ?? '';
  if (storedJobs(store, namespace).some((j) => j.metadata?.name === name)) return sendStatus(res, alreadyExists(resource, name));

  const created = jobWithDefaults(job, namespace, timestampOf(Date.now()));
  jobControllerOf(world, store).add(created);
  sendJson(res, 201, objectBody(created, resource, representation));
};
