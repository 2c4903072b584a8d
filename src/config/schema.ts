import { z } from 'zod';
import { dnsLabel as name } from './config-fields.js';
import { digestSchema } from './digest-schema.js';
import { ownValue } from './lookup.js';
import { releaseProblems } from './release-references.js';
import { releaseSchema } from './release-schema.js';
import { cronExpressionSchema, timeZoneSchema } from './schedule-fields.js';
import { ecsClusterProblems } from './ecs-references.js';
import { ecsName, serviceSchema } from './service-schema.js';
import { environmentPrometheusSchema, guardPrometheusProblems, prometheusSchema } from './guard-schema.js';
import { smokeTestsSchema } from './smoke-tests-schema.js';

export const checkIdSchema = z.string().regex(/^[a-z0-9]+\.[a-z0-9-]+$/, 'must be a check id such as k8s.probes');

/** Minutes in which deploys to the environment are refused unless the request says --override (and gets an extra approval). */
export const freezeWindowSchema = z.strictObject({
  /** The same cron dialect as digest schedules: the window is every minute the expression names. */
  cron: cronExpressionSchema,
  timezone: timeZoneSchema,
  reason: z.string().min(1).optional(),
});

const environmentSchema = z.strictObject({
  aws: z.strictObject({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1'),
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
  }),
  kubernetes: z
    .strictObject({
      /** A context of the kubeconfig ($KUBECONFIG or ~/.kube/config). */
      context: z.string().min(1).optional(),
      /** Use the pod's service account instead of a kubeconfig. */
      inCluster: z.boolean().default(false),
      namespace: name,
    })
    .refine((k) => !(k.context && k.inCluster), { message: 'set either context or inCluster, not both' }),
  /** The ECS cluster of the environment's ECS services (runtime: ecs) that name none of their own. */
  ecs: z.strictObject({ cluster: ecsName('cluster') }).optional(),
  protected: z.boolean().default(false),
  /** Services that run in this environment; all services when left out. */
  services: z.array(name).optional(),
  freeze: z.array(freezeWindowSchema).default([]),
  /** /verify's steps, run after every successful deploy. */
  smokeTests: smokeTestsSchema.default([]),
  /** A scheduled readiness digest: cron schedule, IANA time zone, Slack channel id. */
  digest: digestSchema.optional(),
  /** /release's runbook: ordered stages (SPEC §9). */
  releases: releaseSchema.optional(),
  /** The Prometheus of this environment's metric guards, when not the top-level one. */
  prometheus: environmentPrometheusSchema.optional(),
});

const severityOverride = z.enum(['fail', 'warn', 'off']);

const principal = z
  .string()
  .regex(/^([UW][A-Z0-9]{2,}|@[a-z0-9][a-z0-9._-]*)$/, 'must be a Slack user id (U…) or a user-group handle (@name)');

/** Who may ask for an action and who may approve it, in one environment. */
const policyRuleSchema = z.strictObject({
  /** Anyone when left out. */
  requesters: z.array(principal).min(1).optional(),
  /** Anyone (but the requester) when left out. */
  approvers: z.array(principal).min(1).optional(),
  /** Distinct approvals needed. */
  approvals: z.number().int().min(1).max(10).default(1),
  /** Whether the requester's own click counts. */
  selfApproval: z.boolean().default(false),
});

/** Per action, per environment name or "*" for every environment. */
const actionPolicySchema = z.record(z.union([name, z.literal('*')]), policyRuleSchema).default({});

/**
 * The actions under policy (SPEC §4). `lock` covers lock and unlock; for
 * `lock`, `cancel` and `verify` only `requesters` matter (who may do it), and
 * they default to the deploy rule's requesters of the environment.
 */
export const POLICY_ACTIONS = ['build', 'deploy', 'release', 'promote', 'rollback', 'verify', 'lock', 'cancel'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

const policySchema = z.strictObject({
  requestTtlMinutes: z.number().int().min(1).max(24 * 60).default(30),
  /** An approved action not started within this long (the bot was down) is not started late: its thread says so. */
  startWithinMinutes: z.number().int().min(1).max(24 * 60).default(15),
  ...(Object.fromEntries(POLICY_ACTIONS.map((action) => [action, actionPolicySchema])) as Record<PolicyAction, typeof actionPolicySchema>),
});

const checksSchema = z.strictObject({
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** Per check id: make a failure blocking (fail), advisory (warn), or skip the check (off). */
  severity: z.record(checkIdSchema, severityOverride).default({}),
  /** ecr.scan fails on findings at or above this severity. */
  scanSeverity: z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']).default('HIGH'),
  imageSizeBudgetMb: z.number().positive().default(1024),
  healthBudgetMs: z.number().int().positive().default(1000),
});

export const configSchema = z
  .strictObject({
    defaultEnvironment: name.optional(),
    environments: z.record(name, environmentSchema).refine((e) => Object.keys(e).length > 0, {
      message: 'must define at least one environment',
    }),
    services: z.record(name, serviceSchema).refine((s) => Object.keys(s).length > 0, {
      message: 'must define at least one service',
    }),
    checks: checksSchema.default(() => checksSchema.parse({})),
    policy: policySchema.default(() => policySchema.parse({})),
    http: z.strictObject({ caFile: z.string().min(1).optional() }).default({}),
    store: z.strictObject({ url: z.string().min(1) }).default({ url: 'sqlite:./data/shipmate.db' }),
    /** The Prometheus that services' metric guards are evaluated against (SPEC §11). */
    prometheus: prometheusSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const envs = Object.keys(config.environments);
    const services = Object.keys(config.services);
    if (config.defaultEnvironment && !envs.includes(config.defaultEnvironment)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultEnvironment'],
        message: `names no environment (known: ${envs.join(', ')})`,
      });
    }
    for (const [envName, env] of Object.entries(config.environments)) {
      env.services?.forEach((s, i) => {
        if (!services.includes(s)) {
          ctx.addIssue({
            code: 'custom',
            path: ['environments', envName, 'services', i],
            message: `names no service (known: ${services.join(', ')})`,
          });
        }
      });
      const inEnvironment = (env.services ?? services).filter((s) => services.includes(s));
      const scope = {
        services: inEnvironment,
        buildable: inEnvironment.filter((s) => ownValue(config.services, s)?.codebuild),
        smokeTests: env.smokeTests.map((step) => step.name),
      };
      for (const problem of releaseProblems(env.releases?.stages ?? [], scope)) {
        ctx.addIssue({ code: 'custom', path: ['environments', envName, 'releases', 'stages', ...problem.path], message: problem.message });
      }
      for (const problem of [...ecsClusterProblems(env, inEnvironment, config.services), ...guardPrometheusProblems(config, env, envName, inEnvironment, config.services)]) {
        ctx.addIssue({ code: 'custom', path: ['environments', envName, ...problem.path], message: problem.message });
      }
    }
    for (const action of POLICY_ACTIONS) {
      for (const key of Object.keys(config.policy[action])) {
        if (key !== '*' && !envs.includes(key)) {
          ctx.addIssue({ code: 'custom', path: ['policy', action, key], message: `names no environment (known: ${envs.join(', ')}, or *)` });
        }
      }
    }
    for (const [envName, env] of Object.entries(config.environments)) {
      const rule = ownValue(config.policy.deploy, envName) ?? ownValue(config.policy.deploy, '*');
      if (env.protected && !rule?.approvers) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments', envName, 'protected'],
          message: `a protected environment must name its approvers in policy.deploy.${envName} (or policy.deploy."*")`,
        });
      }
    }
    for (const [serviceName, service] of Object.entries(config.services)) {
      if (service.healthUrl && typeof service.healthUrl === 'object') {
        for (const envName of Object.keys(service.healthUrl)) {
          if (!envs.includes(envName)) {
            ctx.addIssue({
              code: 'custom',
              path: ['services', serviceName, 'healthUrl', envName],
              message: `names no environment (known: ${envs.join(', ')})`,
            });
          }
        }
      }
    }
  });

export type ShipmateConfig = z.infer<typeof configSchema>;
export type EnvironmentConfig = ShipmateConfig['environments'][string];
export type { EcsServiceConfig, KubernetesServiceConfig, Runtime, ServiceConfig } from './service-schema.js';
export type ChecksConfig = ShipmateConfig['checks'];
export type PolicyConfig = ShipmateConfig['policy'];
export type FreezeWindowConfig = z.infer<typeof freezeWindowSchema>;
export type PolicyRuleConfig = z.infer<typeof policyRuleSchema>;
