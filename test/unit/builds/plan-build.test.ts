import { describe, expect, it } from 'vitest';
import { readConfigDocument, validateConfig } from '../../../src/config/load-config.js';
import { planBuild } from '../../../src/domain/builds/plan-build.js';
import { applyPatch } from '../../../src/sandbox/json-patch.js';

const config = (patch: Parameters<typeof applyPatch>[1] = []) =>
  validateConfig(applyPatch(readConfigDocument('examples/sandbox.shipmate.yml'), patch), 'x.yml', { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:1' });

describe('planBuild', () => {
  it('builds every service with a project when none is named, with the templates filled', () => {
    const plan = planBuild(config(), '1.1.0', [], 'staging');
    expect(plan.environment).toBe('staging');
    expect(plan.payload.services.map((s) => s.service)).toEqual(['backend', 'frontend', 'ml']);
    expect(plan.payload.services[0]).toEqual({
      service: 'backend',
      project: 'backend-build',
      sourceVersion: 'refs/tags/v1.1.0',
      repository: 'shop/backend',
      platform: 'linux/amd64',
      tag: '1.1.0',
    });
  });

  it('takes a trailing environment name and named services, once each', () => {
    const plan = planBuild(config(), '2.0.0', ['frontend', 'backend', 'frontend', 'production'], 'staging');
    expect(plan.environment).toBe('production');
    expect(plan.payload.services.map((s) => s.service)).toEqual(['frontend', 'backend']);
  });

  it('"all" skips services without a project, naming one without a project fails', () => {
    const noMl = config([{ op: 'remove', path: '/services/ml/codebuild' }]);
    expect(planBuild(noMl, '1.0.0', ['all'], 'staging').payload.services.map((s) => s.service)).toEqual(['backend', 'frontend']);
    expect(() => planBuild(noMl, '1.0.0', ['ml'], 'staging')).toThrow('ml has no CodeBuild project (set services.ml.codebuild.project)');
  });

  it('names unknown services and what is known', () => {
    expect(() => planBuild(config(), '1.0.0', ['payments', 'backend'], 'staging')).toThrow(
      'unknown service "payments" in staging (known: backend, frontend, ml)',
    );
  });

  it('names every unknown service, in the plural', () => {
    expect(() => planBuild(config(), '1.0.0', ['payments', 'backend', 'search'], 'staging')).toThrow(
      'unknown services "payments", "search" in staging (known: backend, frontend, ml)',
    );
  });

  it('names every named service without a project, in the plural, and how to set the first', () => {
    const some = config([
      { op: 'remove', path: '/services/frontend/codebuild' },
      { op: 'remove', path: '/services/ml/codebuild' },
    ]);
    expect(() => planBuild(some, '1.0.0', ['backend', 'frontend', 'ml'], 'staging')).toThrow(
      'frontend, ml have no CodeBuild project (set services.frontend.codebuild.project)',
    );
  });

  it('refuses to build everything when no service of the environment has a project', () => {
    const none = config(['backend', 'frontend', 'ml'].map((s) => ({ op: 'remove' as const, path: `/services/${s}/codebuild` })));
    expect(() => planBuild(none, '1.0.0', [], 'staging')).toThrow('no service of staging has a CodeBuild project');
  });

  it('builds only the services the environment lists', () => {
    const listed = config([
      { op: 'add', path: '/environments/staging/services', value: ['ml', 'backend'] },
      // The sandbox's staging release deploys frontend, which this list leaves out.
      { op: 'remove', path: '/environments/staging/releases' },
    ]);
    expect(planBuild(listed, '1.0.0', ['all'], 'staging').payload.services.map((s) => s.service)).toEqual(['ml', 'backend']);
    expect(() => planBuild(listed, '1.0.0', ['frontend'], 'staging')).toThrow('unknown service "frontend" in staging (known: ml, backend)');
  });
});
