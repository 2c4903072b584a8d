import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ecsChecks } from '../../src/domain/checks/ecs/index.js';
import { k8sChecks } from '../../src/domain/checks/k8s/index.js';
import { applyPatch, type PatchOperation } from '../../src/sandbox/json-patch.js';
import { loadScenario, scenariosDir, type Scenario } from '../../src/sandbox/scenarios.js';
import { compiledReadiness, type ReadinessJson } from '../support/compiled-readiness.js';

/** The compiled program in its own process, against a sandbox whose config has the ECS service api beside the Kubernetes ones. */
const readinessJson = compiledReadiness();

const flagged = (json: ReadinessJson) => [...new Set(json.checks.filter((c) => ['fail', 'warn', 'error'].includes(c.status)).map((c) => c.id))].sort();
const idsOf = (json: ReadinessJson, service: string) => json.checks.filter((c) => c.service === service).map((c) => c.id);

/** healthy-ecs with the world patches of several broken ECS worlds at once. */
function brokenAtOnce(...ids: string[]): Scenario {
  const base = loadScenario('healthy-ecs');
  const patches = ids.flatMap((id) => (parse(readFileSync(join(scenariosDir(), 'broken', `${id}.yml`), 'utf8')) as { patch: PatchOperation[] }).patch);
  return { ...base, name: ids.join('+'), world: applyPatch(base.world, patches), expect: ids };
}

describe('shipmate readiness --json, compiled, on an environment with an ECS service', () => {
  it('exits 0 on the healthy world: the ECS service gets the ecs checks, the Kubernetes ones the k8s checks', async () => {
    // when
    const { code, json } = await readinessJson(loadScenario('healthy-ecs'));
    // then
    expect(code).toBe(0);
    expect(flagged(json)).toEqual([]);
    const api = idsOf(json, 'api');
    expect(api.filter((id) => id.startsWith('ecs.'))).toEqual(ecsChecks.map((c) => c.id));
    expect(api.filter((id) => id.startsWith('k8s.'))).toEqual([]);
    expect(api.filter((id) => /^(codebuild|ecr|http)\./.test(id)).length).toBeGreaterThanOrEqual(14);
    expect(idsOf(json, 'backend').filter((id) => id.startsWith('k8s.'))).toEqual(k8sChecks.map((c) => c.id));
    expect(idsOf(json, 'backend').filter((id) => id.startsWith('ecs.'))).toEqual([]);
  });

  it('exits 1 on the arm64 trap, flagging exactly ecs.platform with both ways out', async () => {
    // given
    const scenario = loadScenario('broken/ecs.platform');
    // when
    const { code, json } = await readinessJson(scenario);
    // then
    expect(code).toBe(1);
    expect(json.verdict).toBe('blocked');
    expect(flagged(json)).toEqual(['ecs.platform']);
    const platform = json.checks.find((c) => c.id === 'ecs.platform')!;
    expect(platform).toMatchObject({ service: 'api', status: 'fail' });
    expect(platform.finding).toBe(
      'shop-staging-api:7 runs on ARM64 (linux/arm64) but tag 1.1.0 is linux/amd64 only: its tasks stop with CannotPullContainerError (no matching manifest) or exec format error',
    );
    expect(platform.fix).toContain('--platform linux/arm64 -t 111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.1.0 --push');
  });

  it('exits 1 on a missing secret, no circuit breaker and one task, flagging exactly those three', async () => {
    // when
    const { code, json } = await readinessJson(brokenAtOnce('ecs.secrets', 'ecs.circuit-breaker', 'ecs.desired-count'));
    // then
    expect(code).toBe(1);
    expect(flagged(json)).toEqual(['ecs.circuit-breaker', 'ecs.desired-count', 'ecs.secrets']);
    expect(json.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => `${c.service} ${c.id} ${c.status}`)).toEqual([
      'api ecs.circuit-breaker warn',
      'api ecs.desired-count warn',
      'api ecs.secrets fail',
    ]);
  });

  it('exits 0 at risk when only advisory ecs checks warn', async () => {
    // when
    const { code, json } = await readinessJson(brokenAtOnce('ecs.circuit-breaker', 'ecs.logging'));
    // then
    expect(code).toBe(0);
    expect(json.verdict).toBe('at-risk');
    expect(flagged(json)).toEqual(['ecs.circuit-breaker', 'ecs.logging']);
  });

  it('exits 1, not 3, on an unknown cluster: ecs.service fails in one line and the other ecs checks skip', async () => {
    // given
    const base = loadScenario('healthy-ecs');
    const scenario = { ...base, configPatch: [...base.configPatch, { op: 'replace', path: '/environments/staging/ecs/cluster', value: 'shop-stagin' } as const] };
    // when
    const { code, json } = await readinessJson(scenario);
    // then
    expect(code).toBe(1);
    expect(flagged(json)).toEqual(['ecs.service']);
    const api = json.checks.filter((c) => c.service === 'api' && c.id.startsWith('ecs.'));
    const others = api.filter((c) => c.id !== 'ecs.service');
    expect(others.map((c) => c.status)).toEqual(Array(10).fill('skip'));
    // ecs.image-current has no version to compare (none asked for, none read); the rest point at ecs.service
    expect(others.filter((c) => !c.finding.endsWith('(ecs.service reports it)')).map((c) => c.id)).toEqual(['ecs.image-current']);
    expect(api.find((c) => c.id === 'ecs.service')!.finding).toMatch(/^[^\n]*shop-stagin[^\n]*$/);
  });
});
