import type { Command, Option } from 'commander';

/** `config validate` for a subcommand of a subcommand: every name below the program's. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The command's visible options (never --help), in the order they were defined. */
export function visibleOptions(command: Command): readonly Option[] {
  return command.options.filter((option) => !option.hidden);
}

/**
 * `[--env E] [--config PATH] <shell>`: a command's synopsis made from its own options and
 * arguments, so usage lines and help cannot drift from what the parser accepts.
 */
export function synopsis(command: Command): string {
  const options = visibleOptions(command).map((option) => {
    const value = option.required || option.optional ? ` ${option.flags.replace(/^.*?[ =]/, '').replace(/[<>[\]]/g, '')}` : '';
    return `[${option.long ?? option.short}${value}]`;
  });
  const args = command.registeredArguments.map((arg) => {
    const name = arg.argChoices ? arg.argChoices.join('|') : arg.name();
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return [...options, ...args].join(' ');
}

/** `shipmate readiness [--env E] …`: the line a usage error and the help show for a command. */
export function usageLine(command: Command): string {
  return ['shipmate', commandPath(command), synopsis(command)].filter(Boolean).join(' ');
}
