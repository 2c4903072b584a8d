import { validateDeployment } from './kube-deployment-validation.js';
import type { KubeObject } from './kube-objects.js';
import type { StatusCause } from './kube-status.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const RESTART_POLICIES = ['OnFailure', 'Never'];

interface JobSpecShape {
  parallelism?: unknown;
  completions?: unknown;
  activeDeadlineSeconds?: unknown;
  backoffLimit?: unknown;
  template?: { spec?: { containers?: unknown; restartPolicy?: unknown } };
}

/**
 * What the API server refuses in a batch/v1 Job it is asked to create, with
 * the field paths and messages of k8s.io/apimachinery's field.Error: the name
 * (a DNS-1123 subdomain), the counts and deadline (non-negative), the pod
 * template's containers, and its restartPolicy (OnFailure or Never; a missing
 * one is defaulted to Always first, so it is refused as "Always").
 */
export function validateJob(job: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = job.metadata?.name;
  if (typeof name !== 'string' || name === '') {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push(invalidValue('metadata.name', name, name.length > 253 ? 'must be no more than 253 characters' : SUBDOMAIN_MESSAGE));
  }
  const spec = (job.spec ?? {}) as JobSpecShape;
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit'] as const) {
    const value = spec[field];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      causes.push(invalidValue(`spec.${field}`, value, 'must be greater than or equal to 0'));
    }
  }
  causes.push(...validateDeployment({ spec: { template: spec.template } }));
  const restartPolicy = spec.template?.spec?.restartPolicy ?? 'Always';
  if (!RESTART_POLICIES.includes(restartPolicy as string)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(restartPolicy)}: supported values: ${RESTART_POLICIES.map((p) => `"${p}"`).join(', ')}`,
      field: 'spec.template.spec.restartPolicy',
    });
  }
  return causes;
}

const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  field,
});
