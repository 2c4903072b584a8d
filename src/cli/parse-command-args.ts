import type { CommandDefinition } from '../../commands/command-definition.js';
import { UsageError } from '../usage-error.js';

/**
 * Fills a command's arguments from positional words and --name values, then
 * validates them with the command's schema. Problems become one UsageError
 * line; each surface adds the usage in its own form.
 */
export function parseCommandArgs<Args extends Record<string, unknown>>(
  command: CommandDefinition<Args>,
  positional: readonly string[],
  named: Record<string, string | undefined> = {},
): Args {
  if (!command.variadic && positional.length > command.positionals.length) {
    const extra = positional.slice(command.positionals.length).join(' ');
    throw new UsageError(`too many arguments: "${extra}"`);
  }
  const raw: Record<string, string | string[]> = {};
  const last = command.positionals.length - 1;
  command.positionals.forEach((name, i) => {
    if (command.variadic && i === last) {
      raw[name] = positional.slice(i);
      return;
    }
    const value = named[name] ?? positional[i];
    if (value !== undefined) raw[name] = value;
  });
  const parsed = command.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length && issue.code !== 'invalid_value' ? `${String(issue.path[0])}: ` : '';
    throw new UsageError(`${where}${issue.message}`);
  }
  return parsed.data;
}
