import { describe, expect, it } from 'vitest';
import { releaseCard } from '../../../src/app/releases/release-card.js';
import type { ReleasePlan } from '../../../src/domain/releases/release-payload.js';
import { renderReleasePlan } from '../../../src/render/release-plan-formats.js';
import { plannedTarget, SANDBOX_REGISTRY } from '../../support/release-plan-world.js';

const URI = `${SANDBOX_REGISTRY}/shop/backend`;
const DIGEST = 'sha256:4f9a1c2b3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f8091a2b3c4d5e6f7';

function plan(over: Partial<ReleasePlan> = {}): ReleasePlan {
  return {
    environment: 'staging',
    version: '1.2.0',
    stages: [
      { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 },
      { type: 'deploy', services: ['backend'] },
    ],
    from: 0,
    services: [plannedTarget('backend', '1.2.0', DIGEST)],
    preflight: [
      { service: 'backend', status: 'pass', text: 'ecr.tag: tag 1.2.0 is sha256:4f9a1c2b3d4e' },
      { service: 'backend', status: 'warn', text: 'ecr.scan: 3 MEDIUM findings below the HIGH threshold that blocks a deploy' },
      { service: 'backend', status: 'fail', text: 'k8s.secrets: Secret backend-env is missing' },
    ],
    blockers: ['backend: k8s.secrets: Secret backend-env is missing', 'deploys of backend to staging are locked by @U0ALICE since 09:00 UTC: incident 4711 | <b>'],
    override: false,
    ...over,
  };
}

const view = (p: ReleasePlan) => ({ plan: p, card: releaseCard(p, 'Releases in staging need 1 approval from anyone but the requester.', false) });

describe('shipmate release plan --format terminal', () => {
  it('given a blocked plan, when rendered 50 columns wide, then every line fits and it says BLOCKED, the stages, images, problems and blockers', () => {
    // when
    const text = renderReleasePlan(view(plan()), 'terminal', { color: false, width: 50 });
    // then
    const lines = text.trimEnd().split('\n');
    expect(lines.every((l) => l.length <= 50)).toBe(true);
    expect(lines[1]).toBe('BLOCKED · 2 blockers');
    expect(text).toContain('Stages\n  1 migrate: alembic upgrade head in a Job from\n');
    expect(text).toContain('  2 deploy: backend\nImages (current → target)\n  backend: shop/backend:1.1.0 →\n');
    expect(text).toContain('Preflight · 1 passed · 1 failing · 1 warnings · 0\n  errors · 0 skipped\n');
    expect(text).toContain('  WARN   backend: ecr.scan: 3 MEDIUM findings\n');
    expect(text).toContain('  FAIL   backend: k8s.secrets: Secret backend-env\n           is missing\n');
    expect(text).not.toContain('PASS');
    expect(text).toContain('Blockers\n  ✗ backend: k8s.secrets: Secret backend-env is\n');
    expect(lines.slice(-2)).toEqual(['Releases in staging need 1 approval from anyone', 'but the requester.']);
    expect(text).not.toContain('\x1b[');
  });

  it('given a plan without blockers and colour on, when rendered, then READY in green and no Blockers section', () => {
    const text = renderReleasePlan(view(plan({ blockers: [], preflight: [] })), 'terminal', { color: true, width: 120 });
    expect(text).toContain('\x1b[32mREADY\x1b[0m · no blockers: it can be approved');
    expect(text).not.toContain('Blockers');
  });
});

describe('shipmate release plan --format json', () => {
  it('given a plan, when rendered, then one object with one-based stage numbers, skipped stages marked, ready false with blockers', () => {
    const json = JSON.parse(renderReleasePlan(view(plan({ from: 1 })), 'json', { color: false }));
    expect(json).toMatchObject({ environment: 'staging', version: '1.2.0', ready: false, from: 2, frozen: null, override: false });
    expect(json.blockers).toHaveLength(2);
    expect(json.stages).toEqual([
      { number: 1, type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20, skipped: true },
      { number: 2, type: 'deploy', services: ['backend'], skipped: false },
    ]);
    expect(json.services[0]).toMatchObject({ service: 'backend', digest: DIGEST, previousImage: `${URI}:1.1.0`, deployed: true, built: false });
    expect(json.preflight).toHaveLength(3);
  });

  it('given a plan without blockers asked in a freeze window with --override, when rendered, then ready and the window', () => {
    const json = JSON.parse(renderReleasePlan(view(plan({ blockers: [], frozen: 'release party', override: true })), 'json', { color: false }));
    expect(json).toMatchObject({ ready: true, frozen: 'release party', override: true, from: 1 });
  });
});

describe('shipmate release plan --format markdown', () => {
  it('given a blocked plan, when rendered, then the verdict, blockers first, stages numbered, preflight as a table, markup escaped', () => {
    const text = renderReleasePlan(view(plan()), 'markdown', { color: false });
    expect(text).toContain('### shipmate release plan · staging · version 1.2.0\n\n**❌ BLOCKED** · 2 blockers\n\n#### Blockers\n');
    expect(text).toContain('incident 4711 \\| &lt;b&gt;');
    expect(text).toContain("#### Stages\n\n1. migrate: alembic upgrade head in a Job from backend's image (time limit 20 min)\n2. deploy: backend\n");
    expect(text).toContain('| ⚠️ warn | backend | ecr.scan: 3 MEDIUM findings below the HIGH threshold that blocks a deploy |');
    expect(text.indexOf('#### Blockers')).toBeLessThan(text.indexOf('#### Stages'));
  });

  it('given a plan without blockers or preflight, when rendered, then READY and no table', () => {
    const text = renderReleasePlan(view(plan({ blockers: [], preflight: [] })), 'markdown', { color: false });
    expect(text).toContain('**✅ READY** · no blockers: it can be approved');
    expect(text).not.toContain('| Status |');
    expect(text).not.toContain('#### Blockers');
  });
});

describe('the whole plan, word for word', () => {
  // given: frontend built by stage 1, a check that could not run, asked inside a freeze window with --override
  const frozen = plan({
    stages: [
      { type: 'build', services: ['frontend'] },
      { type: 'deploy', services: ['backend', 'frontend'] },
    ],
    services: [plannedTarget('backend', '1.2.0', DIGEST), { ...plannedTarget('frontend', '1.2.0', DIGEST), built: true, digest: undefined, image: undefined }],
    preflight: [
      { service: 'backend', status: 'pass', text: 'ecr.tag: ok' },
      { service: 'backend', status: 'skip', text: 'ecr.scan: not scanned' },
      { service: 'frontend', status: 'error', text: 'k8s.secrets: forbidden' },
    ],
    blockers: ['frontend: k8s.secrets: forbidden'],
    frozen: 'release party',
    override: true,
  });
  const IMAGES = [
    '  backend: shop/backend:1.1.0 → shop/backend:1.2.0@sha256:4f9a1c2b3d4e…',
    '  frontend: shop/frontend:1.1.0 → shop/frontend:1.2.0 (to be built by stage 1)',
    '  inside the freeze window "release party": asked with --override, one more',
    '    approval needed',
  ];

  it('terminal, 80 columns, in colour', () => {
    expect(renderReleasePlan(view(frozen), 'terminal', { color: true, width: 80 }).split('\n')).toEqual([
      '\x1b[1mshipmate release plan · staging · version 1.2.0\x1b[0m',
      '\x1b[31mBLOCKED\x1b[0m · 1 blocker',
      '',
      'Stages',
      '  1 build: frontend',
      '  2 deploy: backend, frontend',
      'Images (current → target)',
      ...IMAGES,
      'Preflight · 1 passed · 0 failing · 0 warnings · 1 errors · 1 skipped',
      '  \x1b[35mERROR\x1b[0m  frontend: k8s.secrets: forbidden',
      'Blockers',
      '\x1b[31m  ✗ frontend: k8s.secrets: forbidden\x1b[0m',
      '',
      'Releases in staging need 1 approval from anyone but the requester.',
      '',
    ]);
  });

  it('markdown', () => {
    expect(renderReleasePlan(view(frozen), 'markdown', { color: false }).split('\n')).toEqual([
      '### shipmate release plan · staging · version 1.2.0',
      '',
      '**❌ BLOCKED** · 1 blocker',
      '',
      '#### Blockers',
      '',
      '- frontend: k8s.secrets: forbidden',
      '',
      '#### Stages',
      '',
      '1. build: frontend',
      '2. deploy: backend, frontend',
      '',
      '#### Images (current → target)',
      '',
      ...IMAGES.slice(0, 2).map((l) => `- ${l.trim()}`),
      '- inside the freeze window "release party": asked with --override, one more approval needed',
      '',
      '#### Preflight',
      '',
      '| Status | Service | Check |',
      '| --- | --- | --- |',
      '| ✅ pass | backend | ecr.tag: ok |',
      '| ⏭️ skip | backend | ecr.scan: not scanned |',
      '| ⛔ error | frontend | k8s.secrets: forbidden |',
      '',
      'Releases in staging need 1 approval from anyone but the requester.',
      '',
    ]);
  });

  it('json ends its one object with a newline', () => {
    const text = renderReleasePlan(view(frozen), 'json', { color: false });
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text).ready).toBe(false);
  });
});
