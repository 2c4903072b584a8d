import { CommanderError } from 'commander';
import { commands } from '../../commands/index.js';
import { ConfigError } from '../config/config-error.js';
import { redact, secretValues } from '../config/redact.js';
import { UsageError } from '../usage-error.js';
import type { CliIo } from './cli-io.js';
import { cliProgram } from './cli-program.js';
import { commanderErrorLine } from './commander-error-line.js';

export type { CliIo } from './cli-io.js';

/** Exit codes of SPEC §3: 0 ready or warnings, 1 a check fails, 2 usage or configuration error, 3 checks could not run. */
export async function runCli(io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr(redact(text, secretValues(io.env)));
  let code = 0;
  const program = cliProgram(io, (exitCode) => (code = exitCode), say);
  try {
    await program.parseAsync(io.argv.length > 0 ? [...io.argv] : ['--help'], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return 0;
      say(`shipmate: ${commanderErrorLine(error, program, io.argv, slackOnly)}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      say(error.message.split('\n').map((line) => `shipmate: ${line}`).join('\n') + '\n');
      return 2;
    }
    const detail = io.env.SHIPMATE_DEBUG ? String((error as Error).stack) : firstLine(error);
    say(`shipmate: unexpected failure: ${detail}\n`);
    return 2;
  }
}

/** Slack's commands that the command line does not have: no "did you mean" for them (`deploy` is not `demo`). */
const slackOnly = (word: string) => commands.some((command) => command.name === word);

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? '';
}
