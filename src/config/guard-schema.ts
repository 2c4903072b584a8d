import { z } from 'zod';
import { ownValue } from './lookup.js';

/*
 * Metric guards (SPEC §11): Prometheus queries a service must satisfy for a
 * while after each rollout, and again on /verify.
 *   prometheus: { url: http://prometheus.monitoring:9090, intervalSeconds: 15 }
 *   environments.<env>.prometheus: { url: ... }            # per environment
 *   services.<name>.guards:
 *     - name: error-ratio
 *       query: sum(rate(http_requests_total{namespace="{namespace}",app="{service}",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{namespace}",app="{service}"}[1m]))
 *       below: 0.01
 *       window: 5m
 * A query may hold {environment}, {namespace} and {service}: filled per
 * environment before it is sent, so one list serves every environment.
 */

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const GUARD_PLACEHOLDERS = ['environment', 'namespace', 'service'] as const;
export type GuardPlaceholder = (typeof GUARD_PLACEHOLDERS)[number];

/** A duration in seconds, minutes or hours: 30s, 5m, 1h. */
const WINDOW = /^([1-9][0-9]{0,4})([smh])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

export const prometheusSchema = z.strictObject({
  /** The Prometheus HTTP API's base URL, with any path prefix (user:password@ for basic auth, better as ${VAR}). */
  url: httpUrl,
  /** How often a guard is evaluated while it is watched after a rollout. */
  intervalSeconds: z.number().int().min(1).max(300).default(15),
});

/** An environment's own Prometheus: its URL replaces the top-level one there. */
export const environmentPrometheusSchema = z.strictObject({ url: httpUrl });

const guardSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be a short name (letters, digits, . _ -)'),
    /** PromQL returning an instant vector or a scalar; {environment}, {namespace} and {service} are filled in. */
    query: z.string().min(1).max(4000),
    /** The value must stay strictly below this number (set exactly one of below and above). */
    below: z.number().optional(),
    /** The value must stay strictly above this number. */
    above: z.number().optional(),
    /** How long after the rollout completes the guard is watched: 30s, 5m, 1h. */
    window: z.string().regex(WINDOW, 'must be a duration such as 30s, 5m or 1h'),
  })
  .superRefine((guard, ctx) => {
    if ((guard.below === undefined) === (guard.above === undefined)) {
      ctx.addIssue({ code: 'custom', path: [guard.below === undefined ? 'below' : 'above'], message: 'set exactly one of below and above' });
    }
  });

export const guardsSchema = z.array(guardSchema).superRefine((guards, ctx) => {
  guards.forEach((guard, i) => {
    const first = guards.findIndex((g) => g.name === guard.name);
    if (first !== i) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${guard.name}" is already the name of guard [${first}]` });
  });
});

export type PrometheusConfig = z.output<typeof prometheusSchema>;
export type GuardConfig = z.output<typeof guardSchema>;

export function windowSeconds(window: string): number {
  const [, amount, unit] = WINDOW.exec(window) ?? [];
  return Number(amount) * UNIT_SECONDS[unit ?? 's']!;
}

/** The URL guards of an environment are evaluated against: its own, else the top-level one. */
export function prometheusUrlOf(config: { prometheus?: { url: string } | undefined }, environment: { prometheus?: { url: string } | undefined }): string | undefined {
  return environment.prometheus?.url ?? config.prometheus?.url;
}

/**
 * Services with guards that run in an environment with no Prometheus URL:
 * one line naming them and the keys that would fix it (path below the environment).
 */
export function guardPrometheusProblems(
  config: { prometheus?: { url: string } | undefined },
  environment: { prometheus?: { url: string } | undefined },
  environmentName: string,
  services: readonly string[],
  configured: Record<string, { guards?: readonly unknown[] | undefined }>,
): { path: string[]; message: string }[] {
  if (prometheusUrlOf(config, environment)) return [];
  const guarded = services.filter((name) => (ownValue(configured, name)?.guards?.length ?? 0) > 0);
  if (guarded.length === 0) return [];
  const keys = guarded.map((name) => `services.${name}.guards`).join(', ');
  return [
    {
      path: ['prometheus'],
      message: `required key is missing: ${guarded.join(', ')} ${guarded.length === 1 ? 'has' : 'have'} metric guards (${keys}) and no Prometheus URL applies here (set prometheus.url at the top level or environments.${environmentName}.prometheus.url)`,
    },
  ];
}
