import type { Command, Option } from 'commander';

/** What a shell may offer after the words that lead to one command (`/config/validate`; `` for the program). */
export interface CompletionNode {
  path: string;
  /** Subcommands, argument choices and flags. */
  words: string[];
  /** Flags that take a value, and what to offer for it. */
  values: { flag: string; offer: readonly string[] | 'files' | 'nothing' }[];
}

/** Walks the commander program itself, so completions follow every command and option it has. */
export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const visit = (command: Command, path: string, parent?: Command) => {
    const help = command.createHelp();
    const subcommands = help.visibleCommands(command);
    const options = help.visibleOptions(command);
    const words = [
      ...subcommands.map((sub) => sub.name()),
      ...command.registeredArguments.flatMap((arg) => arg.argChoices ?? []),
      // The implicit `help [command]` has no parent of its own: it completes its siblings.
      ...(command.name() === 'help' && parent ? help.visibleCommands(parent).map((c) => c.name()).filter((name) => name !== 'help') : []),
      ...options.flatMap((option) => (option.long ? [option.long] : [])),
    ];
    const values = options.filter((option) => option.long && (option.required || option.optional)).map((option) => ({ flag: option.long!, offer: offerFor(option) }));
    nodes.push({ path, words: [...new Set(words)], values });
    for (const sub of subcommands) visit(sub, `${path}/${sub.name()}`, command);
  };
  visit(program, '');
  return nodes;
}

function offerFor(option: Option): CompletionNode['values'][number]['offer'] {
  if (option.argChoices) return option.argChoices;
  return /<PATH>|<FILE>/.test(option.flags) ? 'files' : 'nothing';
}
