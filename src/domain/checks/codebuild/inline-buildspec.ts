import type { CodeBuildProject } from '../../../ports/codebuild.port.js';
import { skip, type CheckContext, type CheckOutcome } from '../check.js';
import { readBuildspec } from './buildspec.js';
import { findProject } from './find-project.js';

export type InlineBuildspecLookup =
  | { inline: { project: CodeBuildProject; commands: string[]; text: string }; skipped?: never }
  | { inline?: never; skipped: CheckOutcome };

/** The project's inline buildspec, or the skip saying why a buildspec check cannot read it. */
export async function findInlineBuildspec(context: Pick<CheckContext, 'target' | 'facts'>): Promise<InlineBuildspecLookup> {
  const { project, skipped } = await findProject(context);
  if (skipped) return { skipped };
  const buildspec = readBuildspec(project.buildspec);
  if (buildspec.kind === 'file') {
    return { skipped: skip(`buildspec is a file in the source repository (${buildspec.path}), not readable from the API`) };
  }
  return { inline: { project, commands: buildspec.commands, text: buildspec.text } };
}
