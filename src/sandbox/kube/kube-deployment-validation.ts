import type { KubeObject } from './kube-objects.js';
import type { StatusCause } from './kube-status.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

interface ContainerShape {
  name?: unknown;
  image?: unknown;
}

/**
 * The part of apps/v1 Deployment validation a patch can break in the sandbox:
 * the pod template's containers (names, images). Field paths and messages as
 * k8s.io/apimachinery's field.Error prints them.
 */
export function validateDeployment(deployment: KubeObject): StatusCause[] {
  const spec = deployment.spec as { replicas?: unknown; template?: { spec?: { containers?: unknown } } } | undefined;
  const causes: StatusCause[] = [];
  if (spec?.replicas !== undefined && !(Number.isInteger(spec.replicas) && (spec.replicas as number) >= 0)) {
    causes.push(invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  const containers = spec?.template?.spec?.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required('spec.template.spec.containers'));
    return causes;
  }
  const seen = new Set<string>();
  (containers as ContainerShape[]).forEach((container, index) => {
    const path = `spec.template.spec.containers[${index}]`;
    const name = typeof container?.name === 'string' ? container.name : '';
    if (name === '') causes.push(required(`${path}.name`));
    else if (!DNS_LABEL.test(name) || name.length > 63) {
      causes.push(
        invalidValue(
          `${path}.name`,
          name,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        ),
      );
    } else if (seen.has(name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${name}"`, field: `${path}.name` });
    seen.add(name);
    const image = typeof container?.image === 'string' ? container.image : '';
    if (image.trim() === '') causes.push(required(`${path}.image`));
    else if (image !== image.trim()) causes.push(invalidValue(`${path}.image`, image, 'must not have leading or trailing whitespace'));
  });
  return causes;
}

const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', message: 'Required value', field });

const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  field,
});
