import { describe, expect, it } from 'vitest';
import { fromStage } from '../../../../src/app/releases/from-stage.js';
import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import { UsageError } from '../../../../src/usage-error.js';

const STAGES: ReleaseStage[] = [
  { type: 'build', services: ['backend', 'frontend'] },
  { type: 'snapshot', kind: 'instance', identifier: 'shop-db' },
  { type: 'migrate', service: 'backend', command: ['alembic', 'upgrade', 'head'], timeoutMinutes: 20 },
  { type: 'deploy', services: ['backend'] },
  { type: 'verify', smokeTests: ['health'] },
  { type: 'deploy', services: ['frontend'] },
  { type: 'verify', smokeTests: ['health'] },
];
const KNOWN = 'the stages are 1 build, 2 snapshot, 3 migrate, 4 deploy, 5 verify, 6 deploy, 7 verify';

describe('fromStage (--from)', () => {
  it.each([
    [undefined, 0],
    ['1', 0],
    ['3', 2],
    ['7', 6],
    ['build', 0],
    ['snapshot', 1],
    ['migrate', 2],
  ])('given --from %s, when resolved, then the release starts at index %i', (from, index) => {
    expect(fromStage(STAGES, from)).toBe(index);
  });

  it('given a release of ten stages, when --from 10, then the tenth', () => {
    const ten = [...STAGES, ...STAGES.slice(0, 3)];
    expect(fromStage(ten, '10')).toBe(9);
  });

  it.each([
    ['0', `--from 0: there is no stage 0; ${KNOWN}`],
    ['8', `--from 8: there is no stage 8; ${KNOWN}`],
    ['deploy', `--from deploy: the release has 2 deploy stages (4, 6); give the stage's number: ${KNOWN}`],
    ['verify', `--from verify: the release has 2 verify stages (5, 7); give the stage's number: ${KNOWN}`],
    ['rollout', `--from rollout: no stage is called that; give a stage's number or its type: ${KNOWN}`],
    ['-1', `--from -1: no stage is called that; give a stage's number or its type: ${KNOWN}`],
    ['3x', `--from 3x: no stage is called that; give a stage's number or its type: ${KNOWN}`],
  ])('given --from %s, when resolved, then one UsageError line naming the stages', (from, message) => {
    expect(() => fromStage(STAGES, from)).toThrow(UsageError);
    expect(() => fromStage(STAGES, from)).toThrow(message);
  });
});
