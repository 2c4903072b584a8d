import { isEnvironmentName } from '../../config/lookup.js';
import type { ShipmateConfig } from '../../config/schema.js';
import { UsageError } from '../../usage-error.js';
import { fillVersion } from '../version.js';
import type { BuildPayload } from './build-payload.js';

export interface BuildPlan {
  environment: string;
  payload: BuildPayload;
}

/**
 * Turns `/build <version> [service…|all] [env]` into what will be built: an
 * environment name as the last word picks the environment; no service or
 * "all" means every service of the environment that has a CodeBuild project.
 */
export function planBuild(config: ShipmateConfig, version: string, targets: readonly string[], defaultEnvironment: string): BuildPlan {
  const words = [...targets];
  // Stryker disable next-line StringLiteral: environment names are DNS labels, so no literal here names one; '' stands for "no word"
  const environment = isEnvironmentName(config, words.at(-1) ?? '') ? words.pop()! : defaultEnvironment;
  // The default environment and an environment's services are names the config was validated against.
  const inEnvironment = config.environments[environment]!.services ?? Object.keys(config.services);
  const hasProject = (service: string): boolean => config.services[service]!.codebuild !== undefined;
  const named = words.filter((w) => w !== 'all');
  const everything = named.length === 0;
  const unknown = named.filter((w) => !inEnvironment.includes(w));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown service${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${environment} (known: ${inEnvironment.join(', ')})`,
    );
  }
  const chosen = everything ? inEnvironment.filter(hasProject) : [...new Set(named)];
  const withoutProject = chosen.filter((s) => !hasProject(s));
  if (withoutProject.length > 0) {
    throw new UsageError(
      `${withoutProject.join(', ')} ${withoutProject.length > 1 ? 'have' : 'has'} no CodeBuild project (set services.${withoutProject[0]}.codebuild.project)`,
    );
  }
  if (chosen.length === 0) throw new UsageError(`no service of ${environment} has a CodeBuild project`);
  return {
    environment,
    payload: {
      version,
      services: chosen.map((service) => {
        const s = config.services[service]!;
        return {
          service,
          project: s.codebuild!.project,
          sourceVersion: fillVersion(s.codebuild!.sourceVersion, version),
          repository: s.ecr.repository,
          platform: s.ecr.platform,
          tag: fillVersion(s.ecr.imageTag, version),
        };
      }),
    },
  };
}
