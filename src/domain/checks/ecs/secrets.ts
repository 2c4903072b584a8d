import type { EcsTaskDefinition } from '../../../ports/ecs.port.js';
import { fail, pass, skip, type Check } from '../check.js';
import { revisionOf } from './describe-ecs.js';
import { locateContainer } from './locate-service.js';

interface SecretReference {
  /** The environment variable, and its container: "DATABASE_URL (container api)". */
  usedBy: string;
  valueFrom: string;
}

/** A task whose secret is missing never starts: ResourceInitializationError, "unable to pull secrets or registry auth". */
export const secretsCheck: Check = {
  id: 'ecs.secrets',
  title: 'Referenced secrets exist',
  severity: 'fail',
  runtime: 'ecs',
  run: async (context) => {
    const located = await locateContainer(context);
    if ('skipped' in located) return located.skipped;
    const { taskDefinition } = located;
    const task = revisionOf(taskDefinition);
    const references = secretReferences(taskDefinition);
    if (references.length === 0) return pass(`${task}: no secrets referenced`);

    const exists = await Promise.all(references.map((r) => context.facts.ecsSecretExists(r.valueFrom)));
    const missing = references.filter((_, i) => exists[i] === false);
    const unchecked = references.filter((_, i) => exists[i] === undefined);
    const notChecked = unchecked.length > 0 ? `; not checked (SSM Parameter Store): ${unchecked.map((r) => r.usedBy).join(', ')}` : '';
    if (missing.length > 0) {
      return fail(
        `${task} references missing ${missing.length === 1 ? 'secret' : 'secrets'}: ${missing.map((r) => `${r.usedBy} from ${r.valueFrom}`).join(', ')}${notChecked} — its tasks stop with ResourceInitializationError`,
        missing.map((r) => `aws secretsmanager create-secret --name ${secretName(r.valueFrom)} --secret-string <value>`).join('; ') +
          ` (then register the task definition with the new ARN as valueFrom)`,
      );
    }
    const checked = references.length - unchecked.length;
    if (checked === 0) return skip(`${task}: every secret comes from SSM Parameter Store, which shipmate does not check: ${unchecked.map((r) => r.usedBy).join(', ')}`);
    return pass(`${checked} ${checked === 1 ? 'secret' : 'secrets'} referenced, all present in Secrets Manager${notChecked}`);
  },
};

/** Every container's secrets: a missing one stops the whole task, whichever container asks for it. */
function secretReferences(taskDefinition: EcsTaskDefinition): SecretReference[] {
  return taskDefinition.containerDefinitions.flatMap((c) =>
    (c.secrets ?? []).map((s) => ({ usedBy: `${s.name} (container ${c.name})`, valueFrom: s.valueFrom })),
  );
}

/**
 * The name a secret ARN points at: arn:aws:secretsmanager:eu-west-1:1111:secret:shop/db-Xk3Lp9:password:: -> shop/db
 * (a complete ARN ends in a hyphen and six random characters); anything else as it is. Only a Secrets
 * Manager ARN has a seventh colon-separated part (an SSM parameter's ARN ends at parameter/<name>).
 */
function secretName(valueFrom: string): string {
  const name = valueFrom.split(':')[6];
  return name ? name.replace(/-[A-Za-z0-9]{6}$/, '') : valueFrom;
}
