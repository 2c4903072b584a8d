import type { ShipmateConfig } from '../../config/schema.js';
import type { PrometheusPort } from '../../ports/prometheus.port.js';
import { guardsOf, prometheusUrlFor, type EnvironmentGuard } from './guards-of.js';

/** What a deploy needs to watch its service's metric guards (SPEC §11). */
export interface DeployGuards {
  /** The service's guards in the environment, placeholders filled; none: the deploy is not guarded. */
  guardsFor(environment: string, service: string): EnvironmentGuard[];
  /** The environment's Prometheus, built on first use; undefined when no URL applies. */
  prometheusFor(environment: string): PrometheusPort | undefined;
  /** Between two evaluations of the guards while they are watched. */
  intervalMs: number;
}

const DEFAULT_INTERVAL_SECONDS = 15;

/** Guards from the config, each environment's Prometheus made from its URL once and kept. */
export function deployGuardsFrom(config: ShipmateConfig, createPrometheus: (url: string) => PrometheusPort): DeployGuards {
  const ports = new Map<string, PrometheusPort>();
  return {
    guardsFor: (environment, service) => guardsOf(config, environment, service),
    prometheusFor(environment) {
      const url = prometheusUrlFor(config, environment);
      if (!url) return undefined;
      let port = ports.get(url);
      if (!port) ports.set(url, (port = createPrometheus(url)));
      return port;
    },
    intervalMs: (config.prometheus?.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000,
  };
}
