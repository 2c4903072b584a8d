import type { ReleasePlan } from '../../domain/releases/release-payload.js';
import type { BuildCardContent } from '../builds/build-request-payload.js';
import { frozenLine, serviceLine, stageLines } from './plan-lines.js';

/** The approval card of a release: its stages, every service's current → target image, the preflight of what it rolls out. */
export function releaseCard(plan: ReleasePlan, policyLine: string, isProtected: boolean): BuildCardContent {
  return {
    title: `Release ${plan.version} to ${plan.environment}`,
    changes: [...stageLines(plan), ...plan.services.map((t) => serviceLine(plan, t)), ...frozenLine(plan)],
    preflight: plan.preflight.map((line) => ({ status: line.status, text: `${line.service}: ${line.text}` })),
    policyLine,
    protected: isProtected,
  };
}
