import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../package-root.js';
import { applyPatch, type PatchOperation } from './json-patch.js';
import type { World } from './world.js';

/**
 * A scenario: a world for the sandbox, and what a readiness run against it must
 * flag. Broken scenarios are a healthy base plus a patch of the world and,
 * where the defect lives in shipmate's config, of the config too.
 */
export interface Scenario {
  name: string;
  description: string;
  world: World;
  /** Changes to examples/sandbox.shipmate.yml's parsed content. */
  configPatch: PatchOperation[];
  /** The environment the scenario is about. */
  environment: string;
  /** The version to run readiness against; what is deployed when left out. */
  version?: string;
  /** Check ids that must come out fail or warn; every other check must pass or skip. */
  expect: string[];
}

interface ScenarioFile {
  description?: string;
  base?: string;
  environment?: string;
  version?: string;
  expect?: string[];
  patch?: PatchOperation[];
  configPatch?: PatchOperation[];
}

export const scenariosDir = (): string => join(packageRoot(), 'scenarios');

export function loadScenario(name: string): Scenario {
  const file = parse(readFileSync(join(scenariosDir(), `${name}.yml`), 'utf8')) as ScenarioFile & Partial<World>;
  if (!file.base) {
    const { description, environment, version, expect, patch, configPatch, ...world } = file;
    return {
      name,
      description: description ?? name,
      world: world as World,
      configPatch: configPatch ?? [],
      environment: environment ?? 'staging',
      ...(version ? { version } : {}),
      expect: expect ?? [],
    };
  }
  const base = loadScenario(file.base);
  return {
    name,
    description: file.description ?? name,
    world: applyPatch(base.world, file.patch ?? []),
    configPatch: [...base.configPatch, ...(file.configPatch ?? [])],
    environment: file.environment ?? base.environment,
    ...((file.version ?? base.version) ? { version: file.version ?? base.version } : {}),
    expect: file.expect ?? [],
  };
}

/** Names of the scenarios under scenarios/broken, as loadScenario takes them ("broken/k8s.probes"). */
export function brokenScenarioNames(): string[] {
  return readdirSync(join(scenariosDir(), 'broken'))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `broken/${f.slice(0, -'.yml'.length)}`)
    .sort();
}

/** Every scenario loadScenario takes: the top-level worlds and the broken ones. */
export function scenarioNames(): string[] {
  const top = readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.slice(0, -'.yml'.length));
  return [...top.sort(), ...brokenScenarioNames()];
}
