import type { ReleaseStage } from './release-schema.js';

/** What a release's stages may name in one environment. */
export interface ReleaseScope {
  /** The environment's services (all services when it lists none). */
  services: readonly string[];
  /** Those of them with a CodeBuild project, which a build stage needs. */
  buildable: readonly string[];
  /** The names of the environment's smoke tests. */
  smokeTests: readonly string[];
}

export interface ReleaseProblem {
  /** Below the release's `stages` key. */
  path: (string | number)[];
  message: string;
}

/**
 * The cross-references zod cannot see from inside a stage: every service a
 * stage names runs in the environment (and can be built, for build), every
 * verify names one of its smoke tests, and no service is built or deployed
 * twice by one release (its rollback would not know which to undo).
 */
export function releaseProblems(stages: readonly ReleaseStage[], scope: ReleaseScope): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  const firstStage = new Map<string, number>();
  const unknownService = (service: string) =>
    scope.services.includes(service) ? undefined : `names no service of this environment (known: ${scope.services.join(', ')})`;
  stages.forEach((stage, i) => {
    const at = (...rest: (string | number)[]) => [i, stage.type, ...rest];
    if (stage.type === 'migrate') {
      const problem = unknownService(stage.service);
      if (problem) problems.push({ path: at('service'), message: problem });
    }
    if (stage.type === 'build' || stage.type === 'deploy') {
      stage.services.forEach((service, k) => {
        const seen = firstStage.get(`${stage.type} ${service}`);
        const problem =
          unknownService(service) ??
          (stage.type === 'build' && !scope.buildable.includes(service)
            ? `"${service}" has no codebuild project to build with (services.${service}.codebuild)`
            : undefined) ??
          (seen !== undefined ? `"${service}" is already ${stage.type === 'build' ? 'built' : 'deployed'} by stages[${seen}]` : undefined);
        if (problem) problems.push({ path: at(k), message: problem });
        firstStage.set(`${stage.type} ${service}`, seen ?? i);
      });
    }
    if (stage.type === 'verify') {
      stage.smokeTests.forEach((test, k) => {
        if (scope.smokeTests.includes(test)) return;
        const known = scope.smokeTests.length > 0 ? `known: ${scope.smokeTests.join(', ')}` : 'this environment has no smokeTests';
        problems.push({ path: at(k), message: `names no smoke test of this environment (${known})` });
      });
    }
  });
  return problems;
}
