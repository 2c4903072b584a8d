import { parseImageRef } from '../../image-ref.js';
import { fail, pass, type Check } from '../check.js';
import { deploymentName } from './describe-object.js';
import { locateDeployment } from './locate-deployment.js';
import { secretReferences, type SecretReference } from './secret-references.js';

export const secretsCheck: Check = {
  id: 'k8s.secrets',
  title: 'Referenced Secrets exist',
  severity: 'fail',
  runtime: 'kubernetes',
  run: async (context) => {
    const located = await locateDeployment(context);
    if ('skipped' in located) return located.skipped;
    const { deployment } = located;
    const { namespace } = context.target;
    const required = firstReferenceByName(secretReferences(deployment.spec.template.spec).filter((r) => !r.optional));
    if (required.length === 0) return pass(`${deploymentName(deployment)}: no secrets referenced`);

    const present = await Promise.all(required.map((r) => context.facts.secretExists(r.name)));
    const missing = required.filter((_, i) => !present[i]);
    if (missing.length === 0) {
      return pass(`${required.length} ${required.length === 1 ? 'secret' : 'secrets'} referenced, all present`);
    }
    return fail(
      `${deploymentName(deployment)} references missing ${missing.length === 1 ? 'Secret' : 'Secrets'}: ${missing.map((r) => `${r.name} (${r.usedBy})`).join(', ')}`,
      missing.map((r) => createCommand(namespace, r, registryOf(deployment.spec.template.spec.containers[0]?.image))).join('; '),
    );
  },
};

function firstReferenceByName(references: SecretReference[]): SecretReference[] {
  const byName = new Map<string, SecretReference>();
  for (const r of references) if (!byName.has(r.name)) byName.set(r.name, r);
  return [...byName.values()];
}

/**
 * The registry host of an image reference, e.g. 111122223333.dkr.ecr.eu-west-1.amazonaws.com
 * or localhost:5000; <registry> when the image names none (Docker Hub) or there is no image.
 */
function registryOf(image: string | undefined): string {
  if (!image) return '<registry>';
  const { repository } = parseImageRef(image);
  const slash = repository.indexOf('/');
  const host = repository.slice(0, slash);
  const namesHost = slash !== -1 && (host.includes('.') || host.includes(':') || host === 'localhost');
  return namesHost ? host : '<registry>';
}

function createCommand(namespace: string, reference: SecretReference, registry: string): string {
  if (reference.kind === 'image-pull') {
    return `kubectl -n ${namespace} create secret docker-registry ${reference.name} --docker-server=${registry} --docker-username=AWS --docker-password="$(aws ecr get-login-password)"`;
  }
  return `kubectl -n ${namespace} create secret generic ${reference.name} --from-env-file=<file>`;
}
