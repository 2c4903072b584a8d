import { createReadinessPorts } from '../src/adapters/create-readiness-ports.js';
import { loadConfig } from '../src/config/load-config.js';
import { runReadiness } from '../src/domain/readiness/run-readiness.js';
import type { PatchOperation } from '../src/sandbox/json-patch.js';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario, type Scenario } from '../src/sandbox/scenarios.js';
import type { World } from '../src/sandbox/world.js';

/**
 * npm run bench:readiness — a readiness run for 10 services against the
 * sandbox with 100 ms added to every AWS and Kubernetes call (SPEC §8: under
 * 2 s). Prints the median of several runs; last line is one JSON object.
 */
const SERVICES = 10;
const LATENCY_MS = 100;
const RUNS = 5;

const scenario = tenServices(loadScenario('healthy'));
const session = await startSandboxSession(scenario);
Object.assign(process.env, session.env);
try {
  const config = loadConfig(session.configPath);
  const times: number[] = [];
  let checks = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const report = await runReadiness(config, { environment: 'staging', version: '1.1.0' }, createReadinessPorts(config, 'staging'));
    times.push(performance.now() - started);
    checks = report.checks.length;
    const notPassing = report.checks.filter((c) => c.status !== 'pass');
    if (notPassing.length > 0) throw new Error(`bench world is not healthy: ${JSON.stringify(notPassing[0])}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = Math.round(sorted[Math.floor(sorted.length / 2)]!);
  console.log(`readiness: ${SERVICES} services, ${checks} checks, ${LATENCY_MS} ms per sandbox call`);
  console.log(`runs (ms): ${times.map((t) => Math.round(t)).join(', ')} — first run includes SDK start-up`);
  console.log(JSON.stringify({ readiness_10svc_ms: median }));
} finally {
  await session.close();
}

/** The healthy world's backend, copied into svc-0 … svc-9 (project, repository, Deployments, health endpoints). */
function tenServices(base: Scenario): Scenario {
  const world: World = structuredClone(base.world);
  const [project] = world.codebuild.projects;
  const [build] = world.codebuild.builds;
  const [repository] = world.ecr.repositories;
  world.codebuild.projects = [];
  world.codebuild.builds = [];
  world.ecr.repositories = [];
  world.http.endpoints = [];
  const names = Array.from({ length: SERVICES }, (_, i) => `svc-${i}`);
  for (const name of names) {
    world.codebuild.projects.push({ ...structuredClone(project!), name: `${name}-build` });
    world.codebuild.builds.push({ ...structuredClone(build!), id: `${name}-build:${build!.id.split(':')[1]}`, projectName: `${name}-build` });
    world.ecr.repositories.push({ ...structuredClone(repository!), name: `shop/${name}` });
    for (const env of ['staging', 'production']) {
      world.http.endpoints.push({ path: `/health/${env}/${name}`, status: 200 });
    }
  }
  for (const namespace of Object.values(world.kubernetes.namespaces)) {
    const template = JSON.stringify(namespace.deployments[0]);
    namespace.deployments = names.map((name) => JSON.parse(template.replaceAll('backend', name)));
    namespace.secrets = [...names.map((n) => `${n}-env`), 'registry-pull'];
    (namespace.networkPolicies[0] as { spec: { podSelector: unknown } }).spec.podSelector = {};
  }
  world.faults = { latencyMs: LATENCY_MS };
  const services = Object.fromEntries(
    names.map((name) => [
      name,
      {
        codebuild: { project: `${name}-build` },
        ecr: { repository: `shop/${name}` },
        kubernetes: { deployment: name },
        healthUrl: `\${SHIPMATE_SANDBOX_HTTPS}/health/{environment}/${name}`,
      },
    ]),
  );
  const configPatch: PatchOperation[] = [{ op: 'replace', path: '/services', value: services }];
  return { ...base, name: 'bench-10-services', world, configPatch };
}
