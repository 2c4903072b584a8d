import { checkConfigFile } from '../config/check-config-file.js';
import { configJsonSchema } from '../config/config-json-schema.js';
import { configPath } from '../config/load-config.js';
import { UsageError } from '../usage-error.js';
import type { CliIo } from './cli-io.js';

/** `shipmate config validate`: exit 0 and "PATH: valid", warnings on stderr; problems throw (exit 2). */
export function validateConfigSubcommand(options: { config?: string }, io: CliIo, warn: (text: string) => void): number {
  const path = configPath(options.config, io.env);
  for (const warning of checkConfigFile(path, io.env)) warn(`shipmate: warning: ${warning}\n`);
  io.stdout(`${path}: valid\n`);
  return 0;
}

/** `shipmate config schema`: the config file's JSON Schema on stdout. */
export function configSchemaSubcommand(io: CliIo): number {
  io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return 0;
}

/** Words after a command that takes none: one line naming them and the usage. */
export function refuseExtraArguments(extra: readonly string[], usage: string): void {
  if (extra.length > 0) throw new UsageError(`too many arguments: "${extra.join(' ')}"; usage: ${usage}`);
}
