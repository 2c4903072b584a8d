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
});
