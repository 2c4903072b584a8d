import { describe, expect, it } from 'vitest';
import type { ReleaseStage } from '../../../../src/config/release-schema.js';
import { stageStates } from '../../../../src/domain/releases/release-checklist.js';

const STAGES: ReleaseStage[] = [
  { type: 'build', services: ['backend'] },
  { type: 'snapshot', kind: 'instance', identifier: 'shop-db' },
  { type: 'deploy', services: ['backend'] },
  { type: 'verify', smokeTests: ['health'] },
];

describe('stageStates: a finished or failed release shows nothing running', () => {
  it('given a release that succeeded while its position still names stage 2, when drawn, then every stage from --from on is done', () => {
    expect(stageStates(STAGES, { from: 1, stage: 1, finished: true })).toEqual(['skipped', 'done', 'done', 'done']);
  });

  it('given stage 2 failed while its position already names stage 3, when drawn, then stage 3 waits: nothing runs after a failure', () => {
    expect(stageStates(STAGES, { from: 0, stage: 2, failed: 1, finished: false })).toEqual(['done', 'failed', 'waiting', 'waiting']);
  });
});
