import type { Command, CommanderError } from 'commander';
import { commandPath } from './cli-usage.js';

/**
 * Commander's error ("error: unknown option '--verbos'\n(Did you mean --verbose?)") as one line
 * with the suggestion and where to read more: `Unknown option '--verbos' (did you mean --verbose?);
 * run "shipmate readiness --help"`. `noSuggestion` names words that must not get one.
 */
export function commanderErrorLine(error: CommanderError, program: Command, argv: readonly string[], noSuggestion: (word: string) => boolean): string {
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const unknownCommand = /^unknown command '(.*)'$/.exec(first)?.[1];
  if (unknownCommand !== undefined) {
    const guess = suggestion && !noSuggestion(unknownCommand) ? ` (did you mean ${suggestion}?)` : '';
    return `unknown command "${unknownCommand}"${guess}; run "shipmate help"`;
  }
  const text = first.replace(/^unknown option/, 'Unknown option').replace(/\.$/, '');
  const command = commandNamed(program, argv);
  const hint = command === program ? 'shipmate help' : `shipmate ${commandPath(command)} --help`;
  return `${text}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; run "${hint}"`;
}

/** The deepest command the words name: `config validate --confg x` → config validate. */
function commandNamed(program: Command, argv: readonly string[]): Command {
  let command = program;
  for (const word of argv) {
    if (word.startsWith('-')) continue;
    const sub = command.commands.find((c) => c.name() === word);
    if (!sub) break;
    command = sub;
  }
  return command;
}
