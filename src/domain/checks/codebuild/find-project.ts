import type { CodeBuildProject } from '../../../ports/codebuild.port.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';

export type ProjectLookup = { project: CodeBuildProject; skipped?: never } | { project?: never; skipped: CheckOutcome };

/**
 * The service's CodeBuild project, or the skip every CodeBuild check but
 * codebuild.project returns when there is none (codebuild.project reports it once).
 */
export async function findProject({ target, facts }: Pick<CheckContext, 'target' | 'facts'>): Promise<ProjectLookup> {
  if (!target.codebuild) return { skipped: skip('no CodeBuild project configured') };
  const project = await facts.project();
  if (!project) return { skipped: skip(`CodeBuild project ${target.codebuild.project} does not exist (see codebuild.project)`) };
  return { project };
}
