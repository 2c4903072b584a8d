import type { ReleaseStage } from '../../config/release-schema.js';
import { stageLabel, type ReleasePlan, type ReleaseServiceTarget } from '../../domain/releases/release-payload.js';
import { shortImage } from '../deploys/request-deploy.js';
import { stagesNaming } from './plan-services.js';

/** What a stage does, in a few words: "3 migrate: alembic upgrade head in a Job from backend's image (time limit 20 min)". */
export function describeStage(stage: ReleaseStage): string {
  switch (stage.type) {
    case 'build':
    case 'deploy':
      return stage.services.join(', ');
    case 'snapshot':
      return `${stage.kind === 'instance' ? 'RDS instance' : 'Aurora cluster'} ${stage.identifier}`;
    case 'migrate':
      return `${stage.command.join(' ')} in a Job from ${stage.service}'s image (time limit ${stage.timeoutMinutes} min)`;
    case 'verify':
      return `smoke tests ${stage.smokeTests.join(', ')}`;
  }
}

/** One line per stage, those before --from marked skipped. */
export function stageLines(plan: ReleasePlan): string[] {
  const skipped = ` (skipped: --from ${stageLabel(plan.stages, plan.from)})`;
  return plan.stages.map((stage, i) => `${stageLabel(plan.stages, i)}: ${describeStage(stage)}${i < plan.from ? skipped : ''}`);
}

/** "backend: shop/backend:1.1.0@sha256:… → shop/backend:1.2.0@sha256:…", with what builds it and whether it is rolled out. */
export function serviceLine(plan: ReleasePlan, target: ReleaseServiceTarget): string {
  const current = target.previousImage ? shortImage(target.previousImage) : 'not deployed';
  const builtBy = stagesNaming(plan.stages, target.service, 'build', plan.from)[0];
  const next = target.image ? shortImage(target.image) : `${target.repository}:${target.tag}`;
  const notes = [
    ...(builtBy !== undefined ? [`to be built by stage ${builtBy + 1}`] : []),
    ...(target.deployed ? [] : ['not rolled out by this release']),
  ];
  return `${target.service}: ${current} → ${next}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

/** The freeze window the release was asked in with --override. */
export const frozenLine = (plan: ReleasePlan): string[] =>
  plan.frozen && plan.override ? [`inside the freeze window "${plan.frozen}": asked with --override, one more approval needed`] : [];
