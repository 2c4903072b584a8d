import { parse } from 'yaml';
import type { WorldProject } from '../world.js';
import type { PhaseContext, PhaseType } from './codebuild-phases.js';

/** The buildspec section whose commands run in each command phase. */
const BUILDSPEC_SECTIONS: Partial<Record<PhaseType, string>> = {
  INSTALL: 'install',
  PRE_BUILD: 'pre_build',
  BUILD: 'build',
  POST_BUILD: 'post_build',
};

/**
 * The context CodeBuild attaches to a failed phase. In a command phase it
 * quotes the command that exited non-zero — here the last command of that
 * section of the project's inline buildspec.
 */
export function failureContext(project: WorldProject, phase: PhaseType, sourceVersion: string | undefined): PhaseContext {
  const section = BUILDSPEC_SECTIONS[phase];
  if (section) {
    const command = lastCommand(project.source.buildspec, section) ?? 'exit 1';
    return { statusCode: 'COMMAND_EXECUTION_ERROR', message: `Error while executing command: ${command}. Reason: exit status 1` };
  }
  switch (phase) {
    case 'QUEUED':
      return { statusCode: 'VPC_CLIENT_ERROR', message: 'Unexpected EC2 error: RequestLimitExceeded' };
    case 'PROVISIONING':
      return {
        statusCode: 'BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE',
        message: `Unable to pull customer's container image ${project.environment.image}`,
      };
    case 'DOWNLOAD_SOURCE':
      return {
        statusCode: 'CLIENT_ERROR',
        message: `reference not found for primary source and source version ${sourceVersion ?? 'HEAD'}`,
      };
    case 'UPLOAD_ARTIFACTS':
      return { statusCode: 'CLIENT_ERROR', message: 'no matching artifact paths found' };
    default:
      return { statusCode: 'CLIENT_ERROR', message: `${phase} failed` };
  }
}

function lastCommand(buildspec: string | undefined, section: string): string | undefined {
  if (!buildspec) return undefined;
  try {
    const document = parse(buildspec) as { phases?: Record<string, { commands?: unknown[] } | undefined> } | null;
    const commands = document?.phases?.[section]?.commands?.filter((c): c is string => typeof c === 'string');
    return commands?.at(-1);
  } catch {
    return undefined;
  }
}
