import { dockerBuildArguments, optionValues, simpleCommands } from './shell-words.js';

export interface LoadingBuild {
  /** The buildspec command as written. */
  command: string;
  multiPlatform: boolean;
}

/**
 * The first `docker buildx build` (or `docker build`, which is buildx in current
 * Docker) that exports into the local engine: `--load`, or `--output type=docker`
 * without `dest=`.
 */
export function firstLoadingBuild(commands: readonly string[]): LoadingBuild | undefined {
  for (const command of commands) {
    for (const words of simpleCommands(command)) {
      const args = dockerBuildArguments(words);
      if (args && loads(args)) return { command, multiPlatform: platformsOf(args).length > 1 };
    }
  }
  return undefined;
}

function loads(args: readonly string[]): boolean {
  if (args.some((arg) => arg === '--load' || arg === '--load=true')) return true;
  return optionValues(args, '--output', '-o').some((output) => {
    const attributes = output.split(',');
    return attributes.includes('type=docker') && !attributes.some((pair) => pair.startsWith('dest='));
  });
}

function platformsOf(args: readonly string[]): string[] {
  return optionValues(args, '--platform').flatMap((value) => value.split(',').filter(Boolean));
}
