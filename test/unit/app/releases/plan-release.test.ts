import { describe, expect, it } from 'vitest';
import { planRelease } from '../../../../src/app/releases/plan-release.js';
import { UsageError } from '../../../../src/usage-error.js';
import { plannedTarget } from '../../../support/release-plan-world.js';
import { digestOf, MIGRATE, planDeps, releaseConfig, releaseWorld } from './release-plan-fixtures.js';
import { SANDBOX_REGISTRY as REGISTRY } from '../../../support/release-plan-world.js';

const DEPLOY_BOTH = [MIGRATE, { deploy: ['backend'] }, { verify: ['health'] }, { deploy: ['frontend'] }];
const input = (over: Partial<Parameters<typeof planRelease>[1]> = {}) => ({ environment: 'staging', version: '1.2.0', override: false, ...over });
const ids = (plan: { preflight: { service: string; text: string }[] }, service: string) =>
  plan.preflight.filter((l) => l.service === service).map((l) => l.text.split(':')[0]);

describe('planRelease: every service current → target', () => {
  it('given every image in ECR, when planned, then each service runs 1.1.0 now and goes to 1.2.0 pinned by digest, with no blocker', async () => {
    // given
    const { ports } = releaseWorld();
    // when
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    // then
    expect(plan).toMatchObject({ environment: 'staging', version: '1.2.0', from: 0, blockers: [], override: false });
    expect(plan.frozen).toBeUndefined();
    expect(plan.stages.map((s) => s.type)).toEqual(['migrate', 'deploy', 'verify', 'deploy']);
    expect(plan.services).toEqual(['backend', 'frontend'].map((service) => plannedTarget(service, '1.2.0', digestOf(service))));
    expect(plan.preflight.map((l) => `${l.service} ${l.text.split(':')[0]} ${l.status}`)).toEqual(
      ['backend', 'frontend'].flatMap((s) => ['ecr.tag', 'ecr.platform', 'ecr.scan', 'k8s.deployment', 'k8s.secrets'].map((id) => `${s} ${id} pass`)),
    );
  });

  it('given a service named first by a later stage, when planned, then services keep the order of first mention', async () => {
    const { ports } = releaseWorld();
    const plan = await planRelease(releaseConfig([{ deploy: ['frontend'] }, { build: ['ml'] }, MIGRATE]), input(), ports, planDeps());
    expect(plan.services.map((s) => [s.service, s.built, s.deployed])).toEqual([
      ['frontend', false, true],
      ['ml', true, false],
      ['backend', false, false],
    ]);
  });

  it('given a build stage, when planned, then the image it builds has no digest yet, no blocker, and a preflight without the ecr.* checks', async () => {
    // given: 1.2.0 of backend is not in ECR yet
    const { ports } = releaseWorld({ tags: { backend: ['1.1.0'] } });
    // when
    const plan = await planRelease(releaseConfig([{ build: ['backend'] }, ...DEPLOY_BOTH]), input(), ports, planDeps());
    // then
    const backend = plan.services.find((s) => s.service === 'backend')!;
    expect(backend).toMatchObject({ built: true, deployed: true, tag: '1.2.0' });
    expect(backend.digest).toBeUndefined();
    expect(backend.image).toBeUndefined();
    expect(ids(plan, 'backend')).toEqual(['k8s.deployment', 'k8s.secrets']);
    expect(ids(plan, 'frontend')).toEqual(['ecr.tag', 'ecr.platform', 'ecr.scan', 'k8s.deployment', 'k8s.secrets']);
    expect(plan.preflight.map((l) => l.service)).toEqual(['backend', 'backend', ...Array(5).fill('frontend')]);
    expect(plan.blockers).toEqual([]);
  });

  it('given a build stage and a tag that is already in ECR, when planned, then the digest is left for the build to set', async () => {
    const { ports } = releaseWorld();
    const plan = await planRelease(releaseConfig([{ build: ['backend'] }, { deploy: ['backend'] }]), input(), ports, planDeps());
    expect(plan.services[0]!.digest).toBeUndefined();
    expect(ids(plan, 'backend')).toEqual(['k8s.deployment', 'k8s.secrets']);
  });
});

describe('planRelease: what runs now', () => {
  it('given no Deployment for a service yet, when planned, then it has no previous image and the failing k8s.deployment check blocks', async () => {
    const { ports } = releaseWorld({ missingDeployments: ['frontend'] });
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    expect(plan.services.map((s) => [s.service, s.previousImage])).toEqual([
      ['backend', `${REGISTRY}/shop/backend:1.1.0`],
      ['frontend', undefined],
    ]);
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^frontend: k8s\.deployment: /);
  });

  it('given a configured container the Deployment does not have, when planned, then there is no previous image to roll back to', async () => {
    const { ports } = releaseWorld();
    const config = releaseConfig([{ deploy: ['backend'] }], (doc) => (doc.services.backend.kubernetes.container = 'app'));
    const plan = await planRelease(config, input(), ports, planDeps());
    expect(plan.services[0]).toMatchObject({ container: 'app', deployed: true });
    expect(plan.services[0]!.previousImage).toBeUndefined();
  });
});

describe('planRelease: blockers', () => {
  it('given no ECR repository for a deployed service, when planned, then the blocker says the repository does not exist', async () => {
    const { ports } = releaseWorld({ missingRepositories: ['shop/frontend'] });
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    expect(plan.blockers).toEqual(['frontend: the ECR repository shop/frontend does not exist, and this release does not build it']);
    expect(plan.services[1]!.repositoryUri).toBeUndefined();
    expect(plan.services[1]!.digest).toBeUndefined();
  });

  it('given a preflight check that could not run, when planned, then it is a blocker too (a gate never passes on what it could not see)', async () => {
    const { ports } = releaseWorld({ unreadableSecrets: ['frontend-env'] });
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    expect(plan.preflight.find((l) => l.service === 'frontend' && l.text.startsWith('k8s.secrets'))?.status).toBe('error');
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^frontend: k8s\.secrets: .*forbidden/);
  });

  it('given an image neither in ECR nor built, when planned, then exactly one blocker names it (not also its failing ecr.tag)', async () => {
    const { ports } = releaseWorld({ tags: { frontend: ['1.1.0'] } });
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    expect(plan.blockers).toEqual(['frontend: shop/frontend:1.2.0 is not in ECR, and this release does not build it']);
    expect(ids(plan, 'frontend')).toEqual(['k8s.deployment', 'k8s.secrets']);
  });

  it("given the migrate stage's image missing and not built, when planned, then that is a blocker though the service is not deployed", async () => {
    const { ports } = releaseWorld({ tags: { backend: ['1.1.0'] } });
    const plan = await planRelease(releaseConfig([MIGRATE, { deploy: ['frontend'] }]), input(), ports, planDeps());
    expect(plan.blockers).toEqual(['backend: shop/backend:1.2.0 is not in ECR, and this release does not build it']);
    expect(plan.preflight.every((l) => l.service === 'frontend')).toBe(true);
  });

  it('given --from after the build stage, when planned, then the image is not built by this release and the skipped stage is named', async () => {
    const { ports } = releaseWorld({ tags: { backend: ['1.1.0'] } });
    const plan = await planRelease(releaseConfig([{ build: ['backend'] }, MIGRATE, { deploy: ['backend'] }]), input({ from: 'migrate' }), ports, planDeps());
    expect(plan.from).toBe(1);
    expect(plan.services[0]).toMatchObject({ built: false, deployed: true });
    expect(plan.blockers).toEqual(['backend: shop/backend:1.2.0 is not in ECR, and this release does not build it (stage 1 build builds it, but --from skips it)']);
  });

  it('given --from past every stage that uses a missing image, when planned, then nothing is blocked by it', async () => {
    const { ports } = releaseWorld({ tags: { backend: ['1.1.0'] } });
    const plan = await planRelease(releaseConfig([MIGRATE, { deploy: ['backend'] }, { verify: ['health'] }]), input({ from: '3' }), ports, planDeps());
    expect(plan.services[0]).toMatchObject({ built: false, deployed: false });
    expect(plan.blockers).toEqual([]);
    expect(plan.preflight).toEqual([]);
  });

  it('given a missing Secret of a deployed service, when planned, then the failing preflight check is a blocker', async () => {
    const { ports } = releaseWorld({ missingSecrets: ['frontend-env'] });
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, planDeps());
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^frontend: k8s\.secrets: .*frontend-env/);
    expect(plan.preflight.find((l) => l.service === 'frontend' && l.text.startsWith('k8s.secrets'))?.status).toBe('fail');
  });

  it('given a lock on a deployed service, when planned, then the blocker says who holds it and why; an expired lock, one ending now and one on a service not deployed do not block', async () => {
    // given: the clock stands at 10:00
    const { ports } = releaseWorld();
    const at = new Date('2026-11-22T09:00:00Z');
    const deps = planDeps([
      { service: 'backend', environment: 'staging', holder: 'U0ALICE', reason: 'incident 4711', at },
      { service: 'frontend', environment: 'staging', holder: 'U0BOB', reason: 'over', at, until: new Date('2026-11-22T09:30:00Z') },
      { service: 'ml', environment: 'staging', holder: 'U0BOB', reason: 'ends now', at, until: new Date('2026-11-22T10:00:00Z') },
      { service: 'ml', environment: 'production', holder: 'U0BOB', reason: 'another environment', at },
    ]);
    // when
    const plan = await planRelease(releaseConfig([...DEPLOY_BOTH, { deploy: ['ml'] }]), input(), ports, deps);
    const mlLocked = planDeps([{ service: 'ml', environment: 'staging', holder: 'U0BOB', reason: 'ml only', at }]);
    const notDeployed = await planRelease(releaseConfig([{ build: ['ml'] }, { deploy: ['frontend'] }]), input(), ports, mlLocked);
    // then
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^deploys of backend to staging are locked by @U0ALICE since .*: incident 4711 until someone runs \/shipmate unlock$/);
    expect(notDeployed.blockers).toEqual([]);
    expect(mlLocked.lookups).toEqual(['frontend staging']);
  });

  it('given a lock until later on one of several deployed services, some unlocked, when planned, then only that lock blocks', async () => {
    const { ports } = releaseWorld();
    const deps = planDeps([{ service: 'frontend', environment: 'staging', holder: 'U0BOB', reason: 'flaky', at: new Date('2026-11-22T09:00:00Z'), until: new Date('2026-11-22T10:01:00Z') }]);
    const plan = await planRelease(releaseConfig(DEPLOY_BOTH), input(), ports, deps);
    expect(plan.blockers).toHaveLength(1);
    expect(plan.blockers[0]).toMatch(/^deploys of frontend to staging are locked by @U0BOB/);
    expect(deps.lookups.sort()).toEqual(['backend staging', 'frontend staging']);
  });

  it('given a freeze window now, when planned without --override, then it is a blocker; with --override it is recorded and does not block', async () => {
    const config = releaseConfig(DEPLOY_BOTH, (doc) => (doc.environments.staging.freeze = [{ cron: '* * * * *', timezone: 'UTC', reason: 'release party' }]));
    const without = await planRelease(config, input(), releaseWorld().ports, planDeps());
    const withOverride = await planRelease(config, input({ override: true }), releaseWorld().ports, planDeps());
    expect(without.blockers).toEqual(['staging is frozen (release party); add --override to ask anyway: it then needs one more approval']);
    expect(without.frozen).toBe('release party');
    expect(withOverride).toMatchObject({ blockers: [], frozen: 'release party', override: true });
  });
});

describe('planRelease: bad input is one line and calls nothing', () => {
  it.each([
    ['an unknown environment', input({ environment: 'qa' }), 'unknown environment "qa" (known: staging, production)'],
    ['an environment with no release', input({ environment: 'production' }), 'no release is configured for production (environments.production.releases)'],
    ['an unknown stage in --from', input({ from: 'snapshot' }), '--from snapshot: no stage is called that; give a stage\'s number or its type: the stages are 1 migrate, 2 deploy, 3 verify, 4 deploy'],
    ['a stage number past the end', input({ from: '5' }), '--from 5: there is no stage 5; the stages are 1 migrate, 2 deploy, 3 verify, 4 deploy'],
  ])('given %s, when planned, then a UsageError and no call', async (_, given, message) => {
    const { ports, calls } = releaseWorld();
    const deps = planDeps();
    const planning = planRelease(releaseConfig(DEPLOY_BOTH), given, ports, deps);
    await expect(planning).rejects.toThrow(UsageError);
    await expect(planning).rejects.toThrow(message);
    expect(calls).toEqual([]);
    expect(deps.lookups).toEqual([]);
  });

  it('given any plan, when made, then only reads are called', async () => {
    const { ports, calls } = releaseWorld({ tags: { frontend: [] } });
    await planRelease(releaseConfig([{ build: ['backend'] }, ...DEPLOY_BOTH]), input(), ports, planDeps());
    const kinds = [...new Set(calls.map((c) => c.split(' ')[0]))].sort();
    expect(kinds).toEqual(['cluster.getDeployment', 'cluster.secretExists', 'ecr.describeImage', 'ecr.getRepository']);
  });
});
