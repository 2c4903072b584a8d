import type { ShipmateConfig } from '../../config/schema.js';
import { parseImageRef } from '../../domain/image-ref.js';
import type { ReadinessPorts } from '../../domain/readiness/readiness-ports.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import type { Lock, StorePort } from '../../ports/store.port.js';

export interface ServiceStatusLine {
  environment: string;
  service: string;
  image?: string;
  tag?: string;
  digest?: string;
  verdict: string;
  score?: number;
  lock?: Lock;
  problem?: string;
}

/** /shipmate status: every service in every environment — image, digest, readiness verdict, lock. */
export async function serviceStatus(config: ShipmateConfig, store: StorePort, portsFor: (environment: string) => ReadinessPorts): Promise<ServiceStatusLine[]> {
  const lines = await Promise.all(
    Object.entries(config.environments).map(async ([environment, env]) => {
      const services = env.services ?? Object.keys(config.services);
      const ports = portsFor(environment);
      const report = await runReadiness(config, { environment }, ports).catch(() => undefined);
      return Promise.all(
        services.map(async (service): Promise<ServiceStatusLine> => {
          const s = config.services[service]!;
          const checks = report?.checks.filter((c) => c.service === service) ?? [];
          const verdict = !report ? 'unknown' : checks.some((c) => c.status === 'fail') ? 'blocked' : checks.some((c) => c.status === 'warn' || c.status === 'error') ? 'at-risk' : 'ready';
          const lock = await store.getLock(service, environment);
          try {
            const deployment = await ports.cluster.getDeployment(env.kubernetes.namespace, s.kubernetes.deployment);
            const image = deployment?.spec.template.spec.containers.find((c) => c.name === (s.kubernetes.container ?? service))?.image;
            const ref = image ? parseImageRef(image) : undefined;
            return { environment, service, verdict, ...(image ? { image } : {}), ...(ref?.tag ? { tag: ref.tag } : {}), ...(ref?.digest ? { digest: ref.digest } : {}), ...(lock ? { lock } : {}) };
          } catch (error) {
            return { environment, service, verdict, problem: (error as Error).message, ...(lock ? { lock } : {}) };
          }
        }),
      );
    }),
  );
  return lines.flat();
}
