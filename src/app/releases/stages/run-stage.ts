import type { ReleaseStage } from '../../../config/release-schema.js';
import { buildStage } from './build-stage.js';
import { deployStage } from './deploy-stage.js';
import { migrateStage } from './migrate-stage.js';
import { snapshotStage } from './snapshot-stage.js';
import type { StageContext, StageResult } from './stage-context.js';
import { verifyStage } from './verify-stage.js';

/** One stage of a release, by its type. */
export function runStage(stage: ReleaseStage, context: StageContext): Promise<StageResult> {
  switch (stage.type) {
    case 'build':
      return buildStage(stage, context);
    case 'snapshot':
      return snapshotStage(stage, context);
    case 'migrate':
      return migrateStage(stage, context);
    case 'deploy':
      return deployStage(stage, context);
    case 'verify':
      return verifyStage(stage, context);
  }
}
