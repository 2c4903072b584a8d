import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { packageRoot } from '../../src/package-root.js';

/** shipmate config validate / schema, compiled, on a config with Amazon ECS services beside the Kubernetes ones. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', KUBECONFIG: '/nonexistent/kubeconfig', SLACK_BOT_TOKEN: '' };

/**
 * examples/shipmate.yml with `services` appended to its services, staging's
 * ECS cluster set to `cluster` (none when undefined), and production keeping
 * to the Kubernetes services.
 */
function configWith(services: string, cluster: string | undefined): string {
  const example = readFileSync(join(packageRoot(), 'examples', 'shipmate.yml'), 'utf8');
  const path = join(mkdtempSync(join(tmpdir(), 'shipmate-ecs-config-')), 'shipmate.yml');
  writeFileSync(
    path,
    example
      .replace('    smokeTests:', `${cluster ? `    ecs: { cluster: ${cluster} }\n` : ''}    smokeTests:`)
      .replace('    protected: true', '    protected: true\n    services: [backend, frontend, ml]')
      .replace('\nchecks:', `\n${services}\nchecks:`),
  );
  return path;
}

const API = ['  api:', '    runtime: ecs', '    ecr: { repository: shop/api }', '    ecs: { service: shop-api, container: app }'].join('\n');

describe('shipmate config validate on ECS services, compiled', () => {
  it('exits 0 on an ECS service in an environment that names its ECS cluster', async () => {
    // given
    const path = configWith(API, 'shop-staging');
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', path], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path}: valid\n`);
  });

  it('exits 2 with one line per mistake, each naming the key: a missing cluster, a forgotten runtime, a missing ecs block, a block of the other runtime', async () => {
    // given
    const path = configWith(
      [
        API,
        '  worker:',
        '    ecr: { repository: shop/worker }',
        '    ecs: { service: worker }',
        '  cron:',
        '    runtime: ecs',
        '    ecr: { repository: shop/cron }',
        '    kubernetes: { deployment: cron }',
      ].join('\n'),
      undefined,
    );
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', path], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        `shipmate: ${path}: environments.staging.ecs: required key is missing: api runs on ECS here and names no cluster (set ecs: { cluster: <name> } here, or services.api.ecs.cluster)`,
        `shipmate: ${path}: services.worker.runtime: must be ecs for a service with an ecs block (kubernetes is the default)`,
        `shipmate: ${path}: services.cron.ecs: required key is missing (runtime: ecs names its ECS service: ecs: { service, container, cluster })`,
        `shipmate: ${path}: services.cron.kubernetes: is only for runtime: kubernetes; this service runs on ecs`,
      ].sort(),
    );
  });
});

describe('shipmate config schema on ECS services, compiled', () => {
  it("accepts an ECS service and refuses one without its runtime's block", async () => {
    // given
    const run = await runCompiledCli(['config', 'schema'], NO_CREDENTIALS);
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(run.stdout));
    const valid = parse(readFileSync(configWith(API, 'shop-staging'), 'utf8'));
    const invalid = parse(readFileSync(configWith(API.replace('    ecs: { service: shop-api, container: app }', ''), 'shop-staging'), 'utf8'));
    // when / then
    expect(validate(valid)).toBe(true);
    expect(validate(invalid)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/services/api', params: { missingProperty: 'ecs' } }));
  });
});
