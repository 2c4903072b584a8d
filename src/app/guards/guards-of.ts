import { GUARD_PLACEHOLDERS, prometheusUrlOf, windowSeconds, type GuardConfig } from '../../config/guard-schema.js';
import { environmentNamed, serviceNamed } from '../../config/lookup.js';
import type { ShipmateConfig } from '../../config/schema.js';
import type { MetricGuard } from '../../domain/guards/evaluate-guard.js';

/** A configured guard as it runs in one environment: placeholders filled, the window kept as written for messages. */
export interface EnvironmentGuard extends MetricGuard {
  service: string;
  /** As configured: "5m". */
  window: string;
  windowSeconds: number;
}

/** The service's guards in one environment (none when it has none, or the names are unknown). */
export function guardsOf(config: ShipmateConfig, environment: string, service: string): EnvironmentGuard[] {
  const env = environmentNamed(config, environment);
  const guards = serviceNamed(config, service)?.guards ?? [];
  if (!env) return [];
  const values: Record<string, string> = { environment, namespace: env.kubernetes.namespace, service };
  return guards.map((guard) => toGuard(guard, service, values));
}

/** Every guard of every service that runs in the environment, in the config's order. */
export function environmentGuards(config: ShipmateConfig, environment: string): EnvironmentGuard[] {
  const env = environmentNamed(config, environment);
  if (!env) return [];
  const services = env.services ?? Object.keys(config.services);
  return services.flatMap((service) => guardsOf(config, environment, service));
}

/** The environment's Prometheus URL: its own, else the top-level one. */
export function prometheusUrlFor(config: ShipmateConfig, environment: string): string | undefined {
  const env = environmentNamed(config, environment);
  return env ? prometheusUrlOf(config, env) : undefined;
}

/** Exactly {environment}, {namespace} and {service} are replaced: PromQL's own braces ({app="x"}) are left alone. */
export function fillGuardQuery(query: string, values: Record<string, string>): string {
  return GUARD_PLACEHOLDERS.reduce((text, name) => text.split(`{${name}}`).join(values[name] ?? `{${name}}`), query);
}

function toGuard(guard: GuardConfig, service: string, values: Record<string, string>): EnvironmentGuard {
  const seconds = windowSeconds(guard.window);
  return {
    name: guard.name,
    service,
    query: fillGuardQuery(guard.query, values),
    threshold: guard.below !== undefined ? { below: guard.below } : { above: guard.above! },
    windowMinutes: seconds / 60,
    window: guard.window,
    windowSeconds: seconds,
  };
}
