import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { MIGRATION_TIMEOUT_DEFAULT_MINUTES } from '../../../src/config/release-schema.js';

/** A whole config with a production release, so messages read exactly as `shipmate config validate` prints them. */
function configWith(stages: unknown, production: Record<string, unknown> = {}): unknown {
  return {
    environments: {
      staging: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop' } },
      production: {
        aws: { region: 'eu-west-1' },
        kubernetes: { namespace: 'shop' },
        smokeTests: [{ name: 'health', url: 'https://shop.test/health' }, { name: 'catalog', url: 'https://shop.test/catalog' }],
        releases: { stages },
        ...production,
      },
    },
    services: {
      backend: { codebuild: { project: 'backend-build' }, ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' } },
      frontend: { codebuild: { project: 'frontend-build' }, ecr: { repository: 'shop/frontend' }, kubernetes: { deployment: 'frontend' } },
      ml: { ecr: { repository: 'shop/ml' }, kubernetes: { deployment: 'ml' } },
    },
  };
}

function problemsOf(document: unknown): string[] {
  try {
    validateConfig(document, 'shipmate.yml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

const KEY = 'shipmate.yml: environments.production.releases.stages';
const migrate = (fields: Record<string, unknown>) => [{ migrate: { service: 'backend', command: ['alembic', 'upgrade', 'head'], ...fields } }];

describe('releases.stages in the config', () => {
  it('given a runbook of every stage type, when loading, then the stages come out typed and in order', () => {
    // given
    const stages = [
      { build: ['backend', 'frontend'] },
      { snapshot: { rdsInstance: 'shop-db' } },
      { migrate: { service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 } },
      { deploy: ['backend'] },
      { verify: ['health'] },
      { snapshot: { rdsCluster: 'Shop-Aurora-2' } },
      { migrate: { service: 'frontend', command: ['npx', 'prisma', 'migrate', 'deploy'] } },
      { deploy: ['frontend', 'ml'] },
      { verify: ['health', 'catalog'] },
    ];
    // when
    const config = validateConfig(configWith(stages), 'shipmate.yml', {});
    // then
    expect(config.environments.production?.releases?.stages).toEqual([
      { type: 'build', services: ['backend', 'frontend'] },
      { type: 'snapshot', kind: 'instance', identifier: 'shop-db' },
      { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 },
      { type: 'deploy', services: ['backend'] },
      { type: 'verify', smokeTests: ['health'] },
      { type: 'snapshot', kind: 'cluster', identifier: 'Shop-Aurora-2' },
      { type: 'migrate', service: 'frontend', command: ['npx', 'prisma', 'migrate', 'deploy'], timeoutMinutes: MIGRATION_TIMEOUT_DEFAULT_MINUTES },
      { type: 'deploy', services: ['frontend', 'ml'] },
      { type: 'verify', smokeTests: ['health', 'catalog'] },
    ]);
    expect(MIGRATION_TIMEOUT_DEFAULT_MINUTES).toBe(30);
    expect(config.environments.staging?.releases).toBeUndefined();
  });

  it.each([
    ['an unknown stage type', [{ build: ['backend'] }, { deploy: ['backend'] }, { deplyo: ['frontend'] }], [`${KEY}[2]: unknown stage type "deplyo" (build, snapshot, migrate, deploy, verify)`]],
    ['a release with no stages', [], [`${KEY}: a release needs at least one stage`]],
    ['stages that are not a list', { deploy: ['backend'] }, [`${KEY}: must be a list of stages`]],
    ['a stage that is not an object', ['deploy'], [`${KEY}[0]: must be one stage (build, snapshot, migrate, deploy, verify), e.g. { deploy: [backend] }`]],
    ['an empty stage', [{}], [`${KEY}[0]: is empty: a stage is one of build, snapshot, migrate, deploy, verify`]],
    ['two stage types in one item', [{ build: ['backend'], deploy: ['backend'] }], [`${KEY}[0]: holds 2 stage types (build, deploy): write each as its own list item`]],
    ['a known and an unknown key in one item', [{ deploy: ['backend'], verfy: ['health'] }], [`${KEY}[0]: unknown stage type "verfy" (build, snapshot, migrate, deploy, verify)`]],
    ['a migrate stage naming an unknown service', migrate({ service: 'payments' }), [`${KEY}[0].migrate.service: names no service of this environment (known: backend, frontend, ml)`]],
    ['a deploy stage naming an unknown service', [{ deploy: ['backend', 'payments'] }], [`${KEY}[0].deploy[1]: names no service of this environment (known: backend, frontend, ml)`]],
    ['a build stage naming an unknown service', [{ build: ['payment'] }], [`${KEY}[0].build[0]: names no service of this environment (known: backend, frontend, ml)`]],
    ['a build stage naming a service with no CodeBuild project', [{ build: ['ml'] }], [`${KEY}[0].build[0]: "ml" has no codebuild project to build with (services.ml.codebuild)`]],
    ['a service deployed twice', [{ deploy: ['backend'] }, { verify: ['health'] }, { deploy: ['frontend', 'backend'] }], [`${KEY}[2].deploy[1]: "backend" is already deployed by stages[0]`]],
    ['a service built twice', [{ build: ['backend', 'backend'] }], [`${KEY}[0].build[1]: "backend" is already built by stages[0]`]],
    ['a verify stage naming an unknown smoke test', [{ verify: ['health', 'helth'] }], [`${KEY}[0].verify[1]: names no smoke test of this environment (known: health, catalog)`]],
    ['a deploy stage with a service name that is not a list', [{ deploy: 'backend' }], [`${KEY}[0].deploy: must be a list of service names, e.g. [backend]`]],
    ['a deploy stage with no services', [{ deploy: [] }], [`${KEY}[0].deploy: must name at least one service`]],
    ['a verify stage with no smoke tests', [{ verify: [] }], [`${KEY}[0].verify: must name at least one smoke test`]],
    ['a snapshot naming both an instance and a cluster', [{ snapshot: { rdsInstance: 'shop-db', rdsCluster: 'shop-aurora' } }], [`${KEY}[0].snapshot: must name exactly one of rdsInstance (a DB instance) or rdsCluster (an Aurora cluster)`]],
    ['a snapshot naming neither', [{ snapshot: {} }], [`${KEY}[0].snapshot: must name exactly one of rdsInstance (a DB instance) or rdsCluster (an Aurora cluster)`]],
    ['a snapshot with a misspelled key', [{ snapshot: { rdsInstanse: 'shop-db' } }], [`${KEY}[0].snapshot.rdsInstanse: unknown key (did you mean "rdsInstance"?)`]],
    ['an RDS identifier starting with a digit', [{ snapshot: { rdsInstance: '1shop' } }], [`${KEY}[0].snapshot.rdsInstance: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`]],
    ['an RDS identifier ending with a hyphen', [{ snapshot: { rdsCluster: 'shop-' } }], [`${KEY}[0].snapshot.rdsCluster: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`]],
    ['an RDS identifier with two hyphens in a row', [{ snapshot: { rdsInstance: 'shop--db' } }], [`${KEY}[0].snapshot.rdsInstance: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`]],
    ['an RDS identifier with an underscore', [{ snapshot: { rdsInstance: 'shop_db' } }], [`${KEY}[0].snapshot.rdsInstance: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`]],
    ['an RDS identifier of 64 characters', [{ snapshot: { rdsInstance: `a${'b'.repeat(63)}` } }], [`${KEY}[0].snapshot.rdsInstance: must be an RDS DB identifier of at most 63 characters`]],
    ['an empty RDS identifier', [{ snapshot: { rdsInstance: '' } }], [`${KEY}[0].snapshot.rdsInstance: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`]],
    ['a command written as one string', migrate({ command: 'alembic upgrade head' }), [`${KEY}[0].migrate.command: must be a list of strings such as [alembic, upgrade, head] (the container command, no shell)`]],
    ['an empty command', migrate({ command: [] }), [`${KEY}[0].migrate.command: must be a list of strings such as [alembic, upgrade, head] (the container command, no shell)`]],
    ['a command with an empty argument', migrate({ command: ['alembic', ''] }), [`${KEY}[0].migrate.command[1]: must not be empty`]],
    ['a command with a number in it', migrate({ command: ['sleep', 5] }), [`${KEY}[0].migrate.command[1]: must be a string`]],
    ['a migrate stage with no command', [{ migrate: { service: 'backend' } }], [`${KEY}[0].migrate.command: required key is missing`]],
    ['a migrate stage with no service', [{ migrate: { command: ['true'] } }], [`${KEY}[0].migrate.service: required key is missing`]],
    ['a timeout of zero minutes', migrate({ timeoutMinutes: 0 }), [`${KEY}[0].migrate.timeoutMinutes: must be at least 1 minute`]],
    ['a timeout in fractions of a minute', migrate({ timeoutMinutes: 2.5 }), [`${KEY}[0].migrate.timeoutMinutes: must be a whole number of minutes`]],
    ['a timeout written as text', migrate({ timeoutMinutes: '20m' }), [`${KEY}[0].migrate.timeoutMinutes: must be a whole number of minutes`]],
    ['a timeout over a day', migrate({ timeoutMinutes: 1441 }), [`${KEY}[0].migrate.timeoutMinutes: must be at most 1440 minutes (a day)`]],
    ['a misspelled migrate key', migrate({ timeoutMinute: 20 }), [`${KEY}[0].migrate.timeoutMinute: unknown key (did you mean "timeoutMinutes"?)`]],
  ])('given %s, when validating, then one line names the key', (_, stages, expected) => {
    // given / when
    const problems = problemsOf(configWith(stages));
    // then
    expect(problems).toEqual(expected);
  });

  it('given releases with no stages key or a misspelled one, when validating, then the key is named', () => {
    // given
    const missing = configWith(undefined);
    const misspelled = configWith(undefined, { releases: { stage: [{ deploy: ['backend'] }] } });
    // when / then
    expect(problemsOf(missing)).toEqual([`${KEY}: required key is missing`]);
    expect(problemsOf(misspelled)).toEqual([
      `${KEY}: required key is missing`,
      'shipmate.yml: environments.production.releases.stage: unknown key (did you mean "stages"?)',
    ]);
  });

  it('given the environment lists its services, when a stage names one that runs elsewhere only, then it is refused', () => {
    // given
    const document = configWith([{ deploy: ['backend'] }, { migrate: { service: 'frontend', command: ['true'] } }], { services: ['backend'] });
    // when / then
    expect(problemsOf(document)).toEqual([`${KEY}[1].migrate.service: names no service of this environment (known: backend)`]);
  });

  it('given an environment with no smoke tests, when a verify stage names one, then the message says there are none', () => {
    // given
    const document = configWith([{ verify: ['health'] }], { smokeTests: [] });
    // when / then
    expect(problemsOf(document)).toEqual([`${KEY}[0].verify[0]: names no smoke test of this environment (this environment has no smokeTests)`]);
  });

  it('given several bad stages, when validating, then every problem is reported at once', () => {
    // given
    const stages = [{ deplyo: ['backend'] }, { migrate: { service: 'payments', command: ['true'] } }, { verify: ['nope'] }, { snapshot: { rdsInstance: 'a--b' } }];
    // when
    const problems = problemsOf(configWith(stages));
    // then: the shape problems first; cross-references are checked once the shapes parse
    expect(problems).toEqual([
      `${KEY}[0]: unknown stage type "deplyo" (build, snapshot, migrate, deploy, verify)`,
      `${KEY}[3].snapshot.rdsInstance: must be an RDS DB identifier: letters, digits and hyphens, a letter first, no trailing or doubled hyphen`,
    ]);
    expect(problemsOf(configWith(stages.slice(1, 3)))).toEqual([
      `${KEY}[0].migrate.service: names no service of this environment (known: backend, frontend, ml)`,
      `${KEY}[1].verify[0]: names no smoke test of this environment (known: health, catalog)`,
    ]);
  });

  it('accepts RDS identifiers at the edges of the rule', () => {
    // given
    const identifiers = ['a', `a${'1'.repeat(62)}`, 'Shop-DB-2', 'a-b-c'];
    // when
    const problems = identifiers.map((rdsInstance) => problemsOf(configWith([{ snapshot: { rdsInstance } }])));
    // then
    expect(problems).toEqual(identifiers.map(() => []));
  });
});
