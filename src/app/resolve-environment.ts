import { isEnvironmentName } from '../config/lookup.js';
import type { ShipmateConfig } from '../config/schema.js';
import { UsageError } from '../usage-error.js';

/** The environment a command is about: the one named, else the configured default, else the only one. */
export function resolveEnvironment(config: ShipmateConfig, requested: string | undefined): string {
  const known = Object.keys(config.environments);
  const environment = requested ?? config.defaultEnvironment ?? (known.length === 1 ? known[0] : undefined);
  if (!environment) {
    throw new UsageError(`no environment given and no defaultEnvironment configured (known: ${known.join(', ')})`);
  }
  if (!isEnvironmentName(config, environment)) {
    throw new UsageError(`unknown environment "${environment}" (known: ${known.join(', ')})`);
  }
  return environment;
}
