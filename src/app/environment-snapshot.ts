import type { ShipmateConfig } from '../config/schema.js';
import { parseImageRef } from '../domain/image-ref.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { ReadinessReport, Verdict } from '../domain/readiness/report.js';
import { runReadiness } from '../domain/readiness/run-readiness.js';
import { verdictOf } from '../domain/readiness/score.js';

export interface ServiceSnapshot {
  service: string;
  /** The service's own verdict in the readiness run; undefined when it could not run. */
  verdict?: Verdict;
  image?: string;
  tag?: string;
  digest?: string;
  /** Why the Deployment could not be read. */
  problem?: string;
}

export interface EnvironmentSnapshot {
  environment: string;
  report?: ReadinessReport;
  services: ServiceSnapshot[];
}

/** Where an environment stands: a readiness run, and the image each service's container runs. Shared by /shipmate status and the App Home. */
export async function environmentSnapshot(config: ShipmateConfig, environment: string, ports: ReadinessPorts): Promise<EnvironmentSnapshot> {
  const env = config.environments[environment]!;
  const report = await runReadiness(config, { environment }, ports).catch(() => undefined);
  const services = await Promise.all(
    (env.services ?? Object.keys(config.services)).map(async (service): Promise<ServiceSnapshot> => {
      const { deployment, container = service } = config.services[service]!.kubernetes;
      const verdict = report ? verdictOf(report.checks.filter((c) => c.service === service)) : undefined;
      const base = { service, ...(verdict ? { verdict } : {}) };
      try {
        const found = await ports.cluster.getDeployment(env.kubernetes.namespace, deployment);
        const image = found?.spec.template.spec.containers.find((c) => c.name === container)?.image;
        const ref = image ? parseImageRef(image) : undefined;
        return { ...base, ...(image ? { image } : {}), ...(ref?.tag ? { tag: ref.tag } : {}), ...(ref?.digest ? { digest: ref.digest } : {}) };
      } catch (error) {
        return { ...base, problem: (error as Error).message };
      }
    }),
  );
  return { environment, ...(report ? { report } : {}), services };
}
