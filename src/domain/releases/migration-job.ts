import type { JobContainer, JobRequest } from '../../ports/cluster-jobs.port.js';
import type { Deployment, EnvVar } from '../../ports/cluster.port.js';

export interface MigrationTarget {
  namespace: string;
  /** Deterministic per release run, so a resumed release finds its Job (createJob answers 409 → the existing Job, created=false). */
  jobName: string;
  /** Labels put on the Job; a Job of that name WITHOUT these labels belongs to someone else: fail, never adopt it. */
  labels: Record<string, string>;
  service: string;
  /** The service's Deployment: its container's env, envFrom, serviceAccountName, imagePullSecrets and securityContext are copied. */
  deployment: string;
  container: string;
  /** REPO:TAG@DIGEST pinned. */
  image: string;
  command: string[];
  timeoutMinutes: number;
}

/** A finished migration Job (and its pods, with their logs) is deleted by Kubernetes a day after it ends. */
export const MIGRATION_JOB_TTL_SECONDS = 24 * 60 * 60;

export type MigrationJobPlan = { ok: true; request: JobRequest } | { ok: false; reason: string; message: string };

/**
 * The Job that runs a migration: the release's image of the service, its
 * command, and everything the service's container runs with (environment,
 * Secrets, service account, pull secrets, security context, resources), so
 * the migration reaches the database exactly as the service does. It runs
 * once (restartPolicy Never, backoffLimit 0: a migration is not retried
 * blindly) and Kubernetes ends it at the time limit.
 */
export function migrationJob(target: MigrationTarget, deployment: Deployment): MigrationJobPlan {
  const spec = deployment.spec.template.spec;
  const source = spec.containers.find((c) => c.name === target.container);
  if (!source) {
    const names = spec.containers.map((c) => `"${c.name}"`).join(', ');
    return { ok: false, reason: 'ContainerNotFound', message: `deployment "${target.deployment}" has no container "${target.container}" (it has ${names || 'none'}): no Job created` };
  }
  const uncopied = source.env?.filter((variable) => !isCopyable(variable)).map((variable) => variable.name) ?? [];
  if (uncopied.length > 0) {
    // Leaving a variable out could point the migration at the wrong database.
    const list = uncopied.join(', ');
    return { ok: false, reason: 'EnvironmentNotCopyable', message: `container "${source.name}" of deployment "${target.deployment}" takes ${list} from a source shipmate cannot copy: no Job created` };
  }
  const container: JobContainer = {
    name: target.container,
    image: target.image,
    command: [...target.command],
    ...(source.env ? { env: structuredClone(source.env) } : {}),
    ...(source.envFrom ? { envFrom: structuredClone(source.envFrom) } : {}),
    ...(source.securityContext ? { securityContext: structuredClone(source.securityContext) } : {}),
    ...(source.resources ? { resources: structuredClone(source.resources) } : {}),
  };
  return {
    ok: true,
    request: {
      name: target.jobName,
      labels: { ...target.labels },
      podLabels: { ...target.labels },
      pod: {
        containers: [container],
        ...(spec.serviceAccountName ? { serviceAccountName: spec.serviceAccountName } : {}),
        ...(spec.imagePullSecrets ? { imagePullSecrets: structuredClone(spec.imagePullSecrets) } : {}),
        ...(spec.securityContext ? { securityContext: structuredClone(spec.securityContext) } : {}),
      },
      backoffLimit: 0,
      activeDeadlineSeconds: target.timeoutMinutes * 60,
      ttlSecondsAfterFinished: MIGRATION_JOB_TTL_SECONDS,
    },
  };
}

/** A literal, or a source the cluster port carries (an empty valueFrom is one it does not know). */
function isCopyable(variable: EnvVar): boolean {
  const from = variable.valueFrom;
  return from === undefined || Boolean(from.secretKeyRef ?? from.configMapKeyRef ?? from.fieldRef ?? from.resourceFieldRef);
}

/** Whether a Job found under the migration's name carries every label the migration puts on its own. */
export const isOwnJob = (labels: Record<string, string>, wanted: Record<string, string>): boolean =>
  Object.entries(wanted).every(([key, value]) => labels[key] === value);
