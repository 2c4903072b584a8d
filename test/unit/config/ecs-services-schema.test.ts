import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../../src/config/config-json-schema.js';
import { renderConfigReference } from '../../../src/config/config-reference.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { problemsOf } from './config-problems.js';
import { containerOf } from '../../../src/config/service-schema.js';

/** staging runs backend (Kubernetes) and api (ECS, in staging's cluster); production only backend. */
function document(): Record<string, any> {
  return {
    environments: {
      staging: {
        aws: { region: 'eu-west-1' },
        kubernetes: { namespace: 'shop-staging' },
        ecs: { cluster: 'shop-staging' },
      },
      production: { aws: { region: 'eu-west-1' }, kubernetes: { namespace: 'shop-production' }, services: ['backend'] },
    },
    services: {
      backend: { ecr: { repository: 'shop/backend' }, kubernetes: { deployment: 'backend' } },
      api: { runtime: 'ecs', ecr: { repository: 'shop/api' }, ecs: { service: 'api' } },
    },
  };
}

describe('services.<name>.runtime: kubernetes (the default) or ecs', () => {
  it('loads a Kubernetes and an ECS service side by side, the runtime defaulting to kubernetes', () => {
    // given
    const doc = document();
    doc.services.api.ecs = { service: 'shop-api_v2', container: 'App', cluster: 'shop-staging-b' };
    // when
    const config = validateConfig(doc, 'shipmate.yml', {});
    // then
    expect(config.services.backend).toMatchObject({ runtime: 'kubernetes', kubernetes: { deployment: 'backend' } });
    expect(config.services.api).toMatchObject({ runtime: 'ecs', ecs: { service: 'shop-api_v2', container: 'App', cluster: 'shop-staging-b' } });
    expect(config.environments.staging?.ecs).toEqual({ cluster: 'shop-staging' });
  });

  it("names the container to update: the one configured, else the service's key", () => {
    // given
    const doc = document();
    doc.services.backend.kubernetes.container = 'app';
    // when
    const config = validateConfig(doc, 'shipmate.yml', {});
    const named = validateConfig({ ...doc, services: { ...doc.services, api: { ...doc.services.api, ecs: { service: 'api', container: 'web' } } } }, 'x', {});
    // then
    expect(containerOf('backend', config.services.backend!)).toBe('app');
    expect(containerOf('api', config.services.api!)).toBe('api');
    expect(containerOf('api', named.services.api!)).toBe('web');
  });

  it('requires the block of the runtime and refuses the other one, one line each naming the key', () => {
    // given
    const doc = document();
    doc.services.nokube = { ecr: { repository: 'shop/a' } };
    doc.services.both = { ecr: { repository: 'shop/b' }, kubernetes: { deployment: 'both' }, ecs: { service: 'both' } };
    doc.services.forgot = { ecr: { repository: 'shop/c' }, ecs: { service: 'forgot' } };
    doc.services.noecs = { runtime: 'ecs', ecr: { repository: 'shop/d' } };
    doc.services.mixed = { runtime: 'ecs', ecr: { repository: 'shop/e' }, ecs: { service: 'mixed' }, kubernetes: { deployment: 'mixed' } };
    doc.services.odd = { runtime: 'lambda', ecr: { repository: 'shop/f' }, kubernetes: { deployment: 'odd' } };
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: services.nokube.kubernetes: required key is missing (or set runtime: ecs and an ecs block)',
      'shipmate.yml: services.both.ecs: is only for runtime: ecs; this service runs on kubernetes',
      'shipmate.yml: services.forgot.runtime: must be ecs for a service with an ecs block (kubernetes is the default)',
      'shipmate.yml: services.noecs.ecs: required key is missing (runtime: ecs names its ECS service: ecs: { service, container, cluster })',
      'shipmate.yml: services.mixed.kubernetes: is only for runtime: kubernetes; this service runs on ecs',
      'shipmate.yml: services.odd.runtime: Invalid option: expected one of "kubernetes"|"ecs"',
    ]);
  });

  it('refuses an ECS name ECS would refuse and suggests a misspelled key of the ecs block', () => {
    // given
    const doc = document();
    doc.services.api.ecs = { service: 'shop.api', continer: 'api' };
    doc.environments.staging.ecs = { cluster: 'shop staging' };
    // when
    const problems = problemsOf(doc);
    // then
    expect(problems).toEqual([
      'shipmate.yml: environments.staging.ecs.cluster: must be an ECS cluster name (up to 255 letters, digits, - and _)',
      'shipmate.yml: services.api.ecs.service: must be an ECS service name (up to 255 letters, digits, - and _)',
      'shipmate.yml: services.api.ecs.continer: unknown key (did you mean "container"?)',
    ]);
  });
});

describe('environments.<env>.ecs.cluster', () => {
  it('is required where an ECS service runs without a cluster of its own, naming the services and both ways to fix it', () => {
    // given
    const doc = document();
    delete doc.environments.staging.ecs;
    doc.services.worker = { runtime: 'ecs', ecr: { repository: 'shop/worker' }, ecs: { service: 'worker' } };
    const one = document();
    delete one.environments.staging.ecs;
    // when / then
    expect(problemsOf(doc)).toEqual([
      'shipmate.yml: environments.staging.ecs: required key is missing: api, worker run on ECS here and name no cluster (set ecs: { cluster: <name> } here, or services.api.ecs.cluster, services.worker.ecs.cluster)',
    ]);
    expect(problemsOf(one)).toEqual([
      'shipmate.yml: environments.staging.ecs: required key is missing: api runs on ECS here and names no cluster (set ecs: { cluster: <name> } here, or services.api.ecs.cluster)',
    ]);
  });

  it('is not asked for again for an ECS service whose ecs block is missing (that block is what the line names)', () => {
    // given
    const doc = document();
    delete doc.environments.staging.ecs;
    delete doc.services.api.ecs;
    // when / then
    expect(problemsOf(doc)).toEqual([
      'shipmate.yml: services.api.ecs: required key is missing (runtime: ecs names its ECS service: ecs: { service, container, cluster })',
    ]);
  });

  it('is not required when every ECS service of the environment names its own cluster, nor where none runs', () => {
    // given
    const own = document();
    delete own.environments.staging.ecs;
    own.services.api.ecs.cluster = 'shop-api';
    const elsewhere = document();
    delete elsewhere.environments.staging.ecs;
    elsewhere.environments.staging.services = ['backend'];
    // when / then
    expect(validateConfig(own, 'x', {}).environments.staging?.ecs).toBeUndefined();
    expect(Object.keys(validateConfig(elsewhere, 'x', {}).environments)).toEqual(['staging', 'production']);
  });
});

describe('a release naming ECS services', () => {
  it('may migrate with and deploy an ECS service beside a Kubernetes one', () => {
    // given
    const doc = document();
    doc.environments.staging.releases = { stages: [{ migrate: { service: 'api', command: ['./migrate'] } }, { deploy: ['api', 'backend'] }] };
    // when
    const config = validateConfig(doc, 'x', {});
    // then
    expect(config.environments.staging?.releases?.stages.map((s) => s.type)).toEqual(['migrate', 'deploy']);
  });
});

describe('the JSON Schema and the reference of the runtime', () => {
  const validator = () => new Ajv2020({ strict: true, allErrors: true }).compile(configJsonSchema());

  it('accepts an ECS service and refuses each wrong block as zod does', () => {
    // given
    const validate = validator();
    const forgot = document();
    delete forgot.services.api.runtime;
    const mixed = document();
    mixed.services.api.kubernetes = { deployment: 'api' };
    const bare = document();
    delete bare.services.backend.kubernetes;
    // when / then
    expect(validate(document())).toBe(true);
    expect(validate(forgot)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/api', keyword: 'required', params: { missingProperty: 'kubernetes' } }));
    expect(validate(mixed)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/api/kubernetes', keyword: 'false schema' }));
    expect(validate(bare)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/backend', keyword: 'required', params: { missingProperty: 'kubernetes' } }));
  });

  it('says in the reference which block each runtime requires', () => {
    // given / when
    const reference = renderConfigReference(configJsonSchema());
    // then
    expect(reference).toContain('| `services.<name>.runtime` | string | no | `"kubernetes"` | `kubernetes`, `ecs` |');
    expect(reference).toContain('| `services.<name>.kubernetes` | object | unless runtime is ecs |');
    expect(reference).toContain('| `services.<name>.ecs` | object | if runtime is ecs |');
    expect(reference).toContain('| `services.<name>.ecs.service` | string | yes |');
    expect(reference).toContain('| `environments.<name>.ecs.cluster` | string | yes |');
  });
});
