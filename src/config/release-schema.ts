import { z } from 'zod';

/*
 * An environment's release runbook (SPEC §9, issue 15): an ordered list of
 * stages, each one key naming its type:
 *   releases:
 *     stages:
 *       - build: [backend, frontend]
 *       - snapshot: { rdsInstance: shop-db }
 *       - migrate: { service: backend, command: [alembic, upgrade, head], timeoutMinutes: 20 }
 *       - deploy: [backend]
 *       - verify: [health]
 * Names of services and smoke tests are checked against the environment in
 * release-references.ts, where the rest of the config is in reach.
 */

export const STAGE_TYPES = ['build', 'snapshot', 'migrate', 'deploy', 'verify'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

export const MIGRATION_TIMEOUT_DEFAULT_MINUTES = 30;
export const MIGRATION_TIMEOUT_MAX_MINUTES = 24 * 60;

export type ReleaseStage =
  | { type: 'build'; services: string[] }
  | { type: 'snapshot'; kind: 'instance' | 'cluster'; identifier: string }
  | { type: 'migrate'; service: string; command: string[]; timeoutMinutes: number }
  | { type: 'deploy'; services: string[] }
  | { type: 'verify'; smokeTests: string[] };

export type ReleaseConfig = { stages: ReleaseStage[] };

const STAGE_LIST = STAGE_TYPES.join(', ');

/** A type error's message, except for a missing key, which the loader words as "required key is missing". */
const whenPresent = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);

const COMMAND_MESSAGE = 'must be a list of strings such as [alembic, upgrade, head] (the container command, no shell)';

const names = (what: string) =>
  z
    .array(z.string({ error: `must be a ${what} name` }).min(1, `must be a ${what} name`), {
      error: whenPresent(`must be a list of ${what} names, e.g. [${what === 'service' ? 'backend' : 'health'}]`),
    })
    .min(1, `must name at least one ${what}`);

const RDS_IDENTIFIER_MESSAGE = 'must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen';

/** RDS's rule for instance and cluster identifiers: 1-63 letters, digits or hyphens; a letter first; no trailing or doubled hyphen. */
const rdsIdentifier = z
  .string({ error: whenPresent('must be an RDS DB identifier') })
  .min(1, { message: RDS_IDENTIFIER_MESSAGE, abort: true })
  .max(63, 'must be an RDS DB identifier of at most 63 characters')
  .regex(/^[A-Za-z](-?[A-Za-z0-9])*$/, RDS_IDENTIFIER_MESSAGE);

const snapshotSchema = z
  .strictObject({
    /** A DB instance: CreateDBSnapshot. */
    rdsInstance: rdsIdentifier.optional(),
    /** An Aurora DB cluster: CreateDBClusterSnapshot. */
    rdsCluster: rdsIdentifier.optional(),
  })
  .meta({ minProperties: 1, maxProperties: 1 })
  .refine((s) => (s.rdsInstance === undefined) !== (s.rdsCluster === undefined), {
    message: 'must name exactly one of rdsInstance (a DB instance) or rdsCluster (an Aurora cluster)',
    // A misspelled key is reported as such, not also as a missing one.
    when: (payload) => payload.issues.length === 0,
  });

const migrateSchema = z.strictObject({
  /** Its release image (pinned by digest), container environment and Secrets run the Job. */
  service: z.string({ error: whenPresent('must be a service name') }).min(1, 'must be a service name'),
  /** The container's command, exec form: no shell (write [sh, -c, "…"] for one). */
  command: z
    .array(z.string({ error: 'must be a string' }).min(1, 'must not be empty'), { error: whenPresent(COMMAND_MESSAGE) })
    .min(1, COMMAND_MESSAGE),
  timeoutMinutes: z
    .number({ error: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(MIGRATION_TIMEOUT_MAX_MINUTES, `must be at most ${MIGRATION_TIMEOUT_MAX_MINUTES} minutes (a day)`)
    .default(MIGRATION_TIMEOUT_DEFAULT_MINUTES),
});

/*
 * One loose object with the five stage keys, not a zod union: a union's
 * failure says "Invalid input" without the key, where this says which stage
 * type is unknown or which field of a known one is wrong. The JSON Schema
 * still refuses other keys and asks for exactly one.
 */
const stageFields = z.object(
  {
    /** Services built with CodeBuild, followed to completion and checked in ECR. */
    build: names('service').optional(),
    snapshot: snapshotSchema.optional(),
    /** A Kubernetes Job from the service's release image. */
    migrate: migrateSchema.optional(),
    /** Services rolled out in parallel, pinned to the approved digests. */
    deploy: names('service').optional(),
    /** Smoke tests of the environment, by name. */
    verify: names('smoke test').optional(),
  },
  { error: `must be one stage (${STAGE_LIST}), e.g. { deploy: [backend] }` },
);

const stageSchema = stageFields
  .catchall(z.unknown())
  .meta({ additionalProperties: false, minProperties: 1, maxProperties: 1 })
  .transform((stage, ctx): ReleaseStage => {
    const keys = Object.keys(stage);
    for (const key of keys.filter((k) => !(STAGE_TYPES as readonly string[]).includes(k))) {
      ctx.addIssue({ code: 'custom', message: `unknown stage type "${key}" (${STAGE_LIST})` });
    }
    const types = keys.filter((k): k is StageType => (STAGE_TYPES as readonly string[]).includes(k));
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: `is empty: a stage is one of ${STAGE_LIST}` });
    if (types.length > 1) {
      ctx.addIssue({ code: 'custom', message: `holds ${types.length} stage types (${types.join(', ')}): write each as its own list item` });
    }
    return types.length === 1 && keys.length === 1 ? toStage(stage, types[0]!) : z.NEVER;
  });

function toStage(stage: z.output<typeof stageFields>, type: StageType): ReleaseStage {
  switch (type) {
    case 'build':
      return { type, services: stage.build! };
    case 'deploy':
      return { type, services: stage.deploy! };
    case 'verify':
      return { type, smokeTests: stage.verify! };
    case 'migrate':
      return { type, ...stage.migrate! };
    case 'snapshot': {
      const { rdsInstance, rdsCluster } = stage.snapshot!;
      return rdsInstance ? { type, kind: 'instance', identifier: rdsInstance } : { type, kind: 'cluster', identifier: rdsCluster! };
    }
  }
}

export const releaseSchema = z.strictObject({
  /** Run in order; a failure stops the release and rolls back what it deployed. */
  stages: z.array(stageSchema, { error: whenPresent('must be a list of stages') }).min(1, 'a release needs at least one stage'),
});
