import type { z } from 'zod';

/**
 * One command, defined once: its name, usage and argument schema drive the
 * Slack listener, the CLI subcommand, `/shipmate help` and manifest.yml.
 * Handlers live in src/; definitions stay free of SDK calls.
 */
export interface CommandDefinition<Args extends Record<string, unknown>> {
  name: string;
  summary: string;
  /** Positional arguments as a Slack user types them after /name. */
  usage: string;
  /** Argument names in the order positional words fill them. */
  positionals: readonly (keyof Args & string)[];
  schema: z.ZodType<Args>;
}

export function defineCommand<Args extends Record<string, unknown>>(definition: CommandDefinition<Args>): CommandDefinition<Args> {
  return definition;
}
