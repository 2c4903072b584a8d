import { dockerArguments, simpleCommands } from './shell-words.js';

/** docker subcommands that need a running Docker daemon, which CodeBuild starts only in privileged mode. */
const DAEMON_SUBCOMMANDS = new Set(['build', 'buildx', 'push', 'pull', 'run', 'tag', 'image', 'compose', 'load', 'save']);

/** The first buildspec command that needs the Docker daemon, if any. */
export function firstDockerCommand(commands: readonly string[]): string | undefined {
  return commands.find((command) =>
    simpleCommands(command).some((words) => {
      if (words.includes('docker-compose')) return true;
      const args = dockerArguments(words);
      return args?.[0] !== undefined && DAEMON_SUBCOMMANDS.has(args[0]);
    }),
  );
}
