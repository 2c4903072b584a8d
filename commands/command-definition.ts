import type { z } from 'zod';

/**
 * One command, defined once: its name, usage and argument schema drive the
 * Slack listener, the CLI subcommand, `/shipmate help` and manifest.yml.
 * Handlers live in src/; definitions stay free of SDK calls.
 */
export interface CommandDefinition<Args extends Record<string, unknown>, Name extends string = string> {
  name: Name;
  summary: string;
  /** Positional arguments as a Slack user types them after /name. */
  usage: string;
  /** Argument names in the order positional words fill them. */
  positionals: readonly string[];
  /** When true, the last positional takes every remaining word, as an array. */
  variadic?: boolean;
  schema: z.ZodType<Args>;
}

export function defineCommand<Args extends Record<string, unknown>, const Name extends string>(
  definition: CommandDefinition<Args, Name>,
): CommandDefinition<Args, Name> {
  return definition;
}
