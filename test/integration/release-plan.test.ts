import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/adapters/store/create-store.js';
import { planRelease } from '../../src/app/releases/plan-release.js';
import { systemClock } from '../../src/ports/clock.port.js';
import { startSandboxSession, type SandboxSession } from '../../src/sandbox/sandbox-session.js';
import type { PatchOperation } from '../../src/sandbox/json-patch.js';
import { plannedTarget, releaseScenario, STAGING_RELEASE } from '../support/release-plan-world.js';
import { sandboxPorts, sessionConfig } from '../support/sandbox-ports.js';

/** The release plan made with the real SDK adapters against the in-process sandbox (issue 15 item 2). */
const sessions: SandboxSession[] = [];
afterAll(() => Promise.all(sessions.map((s) => s.close())));

async function planIn(options: { release?: object; worldPatch?: PatchOperation[]; version?: string; lock?: string } = {}) {
  const session = await startSandboxSession(releaseScenario(options.release, options.worldPatch));
  sessions.push(session);
  const config = sessionConfig(session);
  const store = createStore(config.store.url);
  await store.migrate();
  if (options.lock) {
    await store.acquireLock({ service: options.lock, environment: 'staging', holder: 'U0ALICE', reason: 'incident 4711', at: new Date() });
  }
  const ports = sandboxPorts(session, config, 'staging');
  try {
    const plan = await planRelease(config, { environment: 'staging', version: options.version ?? '1.1.0', override: false }, ports, { store, clock: systemClock });
    return { plan, ports, calls: session.sandbox.state.calls };
  } finally {
    await store.close();
  }
}

const FRONTEND_1_1_0 = '/ecr/repositories/1/images/0';

describe('release plan against the sandbox', () => {
  it('given the healthy world, when planned, then every service goes current → target with its digest, the preflight passes, nothing blocks and nothing is written', async () => {
    // when
    const { plan, ports, calls } = await planIn();
    // then
    expect(plan.blockers).toEqual([]);
    for (const service of ['backend', 'frontend']) {
      const image = await ports.ecr.describeImage(`shop/${service}`, '1.1.0');
      const target = plan.services.find((s) => s.service === service);
      expect(image?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(target).toEqual(plannedTarget(service, '1.1.0', image!.digest));
    }
    expect(plan.preflight).toHaveLength(10);
    expect(plan.preflight.filter((l) => l.status !== 'pass')).toEqual([]);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => !/^(GET |Describe|BatchGetImage|GetDownloadUrlForLayer)/.test(c.operation))).toEqual([]);
  });

  it('given frontend 1.1.0 gone from ECR and no build stage, when planned, then one blocker names the image', async () => {
    const { plan } = await planIn({ worldPatch: [{ op: 'remove', path: FRONTEND_1_1_0 }] });
    expect(plan.blockers).toEqual(['frontend: shop/frontend:1.1.0 is not in ECR, and this release does not build it']);
    expect(plan.services.find((s) => s.service === 'frontend')?.digest).toBeUndefined();
  });

  it('given a build stage for a version not in ECR yet, when planned, then nothing blocks and the targets wait for their builds', async () => {
    const { plan } = await planIn({ release: { stages: [{ build: ['backend', 'frontend'] }, ...STAGING_RELEASE.stages] }, version: '1.2.0' });
    expect(plan.blockers).toEqual([]);
    expect(plan.services.map((s) => [s.service, s.tag, s.built, s.digest])).toEqual([
      ['backend', '1.2.0', true, undefined],
      ['frontend', '1.2.0', true, undefined],
    ]);
    expect([...new Set(plan.preflight.map((l) => l.text.split(':')[0]))]).toEqual(['k8s.deployment', 'k8s.secrets']);
  });

  it("given a lock on backend in the bot's store, when planned, then the lock is a blocker naming who and why", async () => {
    const { plan } = await planIn({ lock: 'backend' });
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^deploys of backend to staging are locked by @U0ALICE since .+: incident 4711 until someone runs \/shipmate unlock$/);
  });
});
