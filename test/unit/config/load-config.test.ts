import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { configPath, loadConfig, readConfigDocument, validateConfig } from '../../../src/config/load-config.js';

const SANDBOX_ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' };
const example = () => readConfigDocument('examples/sandbox.shipmate.yml') as Record<string, any>;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads both example configs with defaults filled in', () => {
    // given / when
    const sandbox = validateConfig(example(), 'sandbox.yml', SANDBOX_ENV);
    const real = loadConfig('examples/shipmate.yml', {});
    // then
    expect(Object.keys(sandbox.environments)).toEqual(['staging', 'production']);
    expect(sandbox.services.backend?.ecr.platform).toBe('linux/amd64');
    expect(sandbox.services.backend?.codebuild?.sourceVersion).toBe('refs/tags/v{version}');
    expect(sandbox.services.backend?.healthUrl).toBe('https://127.0.0.1:8443/health/{environment}/backend');
    expect(sandbox.store.url).toBe('sqlite:./data/shipmate.db');
    expect(real.checks.severity['k8s.replicas']).toBe('warn');
  });

  it('names the file and the misspelled key, with a suggestion', () => {
    // given
    const doc = example();
    doc.environments.staging.kubernetes.namspace = 'shop-staging';
    delete doc.environments.staging.kubernetes.namespace;
    // when
    const problems = problemsOf(() => validateConfig(doc, 'shipmate.yml', SANDBOX_ENV));
    // then
    expect(problems).toContain('shipmate.yml: environments.staging.kubernetes.namespace: required key is missing');
    expect(problems).toContain(
      'shipmate.yml: environments.staging.kubernetes.namspace: unknown key (did you mean "namespace"?)',
    );
  });

  it('reports a missing top-level key and a malformed value', () => {
    const doc = example();
    delete doc.services;
    doc.environments.production.aws.region = 'Europe';
    const problems = problemsOf(() => validateConfig(doc, 'x.yml', SANDBOX_ENV));
    expect(problems).toContain('x.yml: services: required key is missing');
    expect(problems.some((p) => p.startsWith('x.yml: environments.production.aws.region: must be an AWS region'))).toBe(true);
  });

  it('refuses a defaultEnvironment or environment service list that names nothing', () => {
    const doc = example();
    doc.defaultEnvironment = 'prod';
    doc.environments.staging.services = ['backend', 'payments'];
    delete doc.environments.staging.releases; // it deploys frontend, which this list leaves out
    const problems = problemsOf(() => validateConfig(doc, 'x.yml', SANDBOX_ENV));
    expect(problems).toEqual([
      'x.yml: defaultEnvironment: names no environment (known: staging, production)',
      'x.yml: environments.staging.services[1]: names no service (known: backend, frontend, ml)',
    ]);
  });

  it('names the key whose ${VAR} is not set instead of leaving a hole', () => {
    const problems = problemsOf(() => validateConfig(example(), 'x.yml', {}));
    expect(problems).toContain('x.yml: services.backend.healthUrl: environment variable SHIPMATE_SANDBOX_HTTPS is not set');
  });

  it('points at the line of a YAML syntax error and at a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipmate-config-'));
    const bad = join(dir, 'shipmate.yml');
    writeFileSync(bad, 'environments:\n  staging: [unclosed\n');
    expect(problemsOf(() => loadConfig(bad, {}))[0]).toMatch(new RegExp(`^${bad}:\\d+:\\d+: invalid YAML`));
    expect(problemsOf(() => loadConfig(join(dir, 'none.yml'), {}))[0]).toBe(
      `${join(dir, 'none.yml')}: cannot read the config (no such file); pass --config PATH or set SHIPMATE_CONFIG`,
    );
  });

  it('finds the file from --config, then SHIPMATE_CONFIG, then ./shipmate.yml', () => {
    expect(configPath('/a.yml', { SHIPMATE_CONFIG: '/b.yml' })).toBe('/a.yml');
    expect(configPath(undefined, { SHIPMATE_CONFIG: '/b.yml' })).toBe('/b.yml');
    expect(configPath(undefined, {})).toBe(join(process.cwd(), 'shipmate.yml'));
  });
});
