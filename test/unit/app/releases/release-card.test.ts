import { describe, expect, it } from 'vitest';
import { releaseCard } from '../../../../src/app/releases/release-card.js';
import type { ReleasePlan, ReleaseServiceTarget } from '../../../../src/domain/releases/release-payload.js';
import { plannedTarget, SANDBOX_REGISTRY } from '../../../support/release-plan-world.js';

const URI = `${SANDBOX_REGISTRY}/shop`;
const DIGEST = 'sha256:4f9a1c2b3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7';
const OLD = 'sha256:0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff';

function target(service: string, over: Partial<ReleaseServiceTarget> = {}): ReleaseServiceTarget {
  return { ...plannedTarget(service, '1.2.0', DIGEST), previousImage: `${URI}/${service}:1.1.0@${OLD}`, ...over };
}

function plan(over: Partial<ReleasePlan> = {}): ReleasePlan {
  return {
    environment: 'production',
    version: '1.2.0',
    stages: [
      { type: 'build', services: ['frontend'] },
      { type: 'snapshot', kind: 'cluster', identifier: 'shop-aurora' },
      { type: 'migrate', service: 'backend', command: ['prisma', 'migrate', 'deploy'], timeoutMinutes: 15 },
      { type: 'deploy', services: ['backend', 'frontend'] },
      { type: 'verify', smokeTests: ['health', 'login'] },
    ],
    from: 0,
    services: [target('frontend', { built: true, digest: undefined, image: undefined }), target('backend')],
    preflight: [
      { service: 'backend', status: 'pass', text: 'ecr.tag: tag 1.2.0 is sha256:4f9a1c2b3d4e' },
      { service: 'frontend', status: 'warn', text: 'k8s.secrets: 1 secret referenced' },
    ],
    blockers: [],
    override: false,
    ...over,
  };
}

describe('releaseCard', () => {
  it('given a plan, when drawn, then one line per stage, one per service current → target, preflight lines named by service', () => {
    // when
    const card = releaseCard(plan(), 'Releases in production need 2 distinct approvals from @release-managers.', true);
    // then
    expect(card).toEqual({
      title: 'Release 1.2.0 to production',
      changes: [
        '1 build: frontend',
        '2 snapshot: Aurora cluster shop-aurora',
        "3 migrate: prisma migrate deploy in a Job from backend's image (time limit 15 min)",
        '4 deploy: backend, frontend',
        '5 verify: smoke tests health, login',
        'frontend: shop/frontend:1.1.0@sha256:000011112222… → shop/frontend:1.2.0 (to be built by stage 1)',
        'backend: shop/backend:1.1.0@sha256:000011112222… → shop/backend:1.2.0@sha256:4f9a1c2b3d4e…',
      ],
      preflight: [
        { status: 'pass', text: 'backend: ecr.tag: tag 1.2.0 is sha256:4f9a1c2b3d4e' },
        { status: 'warn', text: 'frontend: k8s.secrets: 1 secret referenced' },
      ],
      policyLine: 'Releases in production need 2 distinct approvals from @release-managers.',
      protected: true,
    });
  });

  it('given --from 3, when drawn, then the stages before it are named as skipped', () => {
    const card = releaseCard(plan({ from: 2, services: [target('frontend', { deployed: true }), target('backend')] }), 'p', false);
    expect(card.changes.slice(0, 3)).toEqual([
      '1 build: frontend (skipped: --from 3 migrate)',
      '2 snapshot: Aurora cluster shop-aurora (skipped: --from 3 migrate)',
      "3 migrate: prisma migrate deploy in a Job from backend's image (time limit 15 min)",
    ]);
    expect(card.protected).toBe(false);
  });

  it('given a service not deployed yet, or only migrated with, when drawn, then its line says so', () => {
    const card = releaseCard(plan({ services: [target('backend', { previousImage: undefined, deployed: false })] }), 'p', false);
    expect(card.changes.at(-1)).toBe('backend: not deployed → shop/backend:1.2.0@sha256:4f9a1c2b3d4e… (not rolled out by this release)');
  });

  it('given a service built but not rolled out, when drawn, then its line carries both notes', () => {
    const card = releaseCard(plan({ services: [target('frontend', { built: true, deployed: false, digest: undefined, image: undefined })] }), 'p', false);
    expect(card.changes.at(-1)).toBe('frontend: shop/frontend:1.1.0@sha256:000011112222… → shop/frontend:1.2.0 (to be built by stage 1; not rolled out by this release)');
  });

  it('given a snapshot of an instance, when drawn, then it names the RDS instance', () => {
    const card = releaseCard(plan({ stages: [{ type: 'snapshot', kind: 'instance', identifier: 'shop-db' }], services: [] }), 'p', false);
    expect(card.changes).toEqual(['1 snapshot: RDS instance shop-db']);
  });

  it('given a freeze window asked through with --override, when drawn, then a line says one more approval is needed', () => {
    const card = releaseCard(plan({ frozen: 'release party', override: true }), 'p', false);
    expect(card.changes.at(-1)).toBe('inside the freeze window "release party": asked with --override, one more approval needed');
    expect(releaseCard(plan({ frozen: 'release party' }), 'p', false).changes.join('\n')).not.toContain('freeze');
  });
});
