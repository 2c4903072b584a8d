import type { EnvironmentConfig, ServiceConfig, ShipmateConfig } from './schema.js';

/**
 * Names from users (command text, button values, CLI arguments) are looked up
 * as own keys only: on a plain object `constructor`, `toString` or `__proto__`
 * would otherwise resolve to Object.prototype's members and pass as known.
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function environmentNamed(config: ShipmateConfig, name: string): EnvironmentConfig | undefined {
  return ownValue(config.environments, name);
}

export function serviceNamed(config: ShipmateConfig, name: string): ServiceConfig | undefined {
  return ownValue(config.services, name);
}

export const isEnvironmentName = (config: ShipmateConfig, name: string): boolean => environmentNamed(config, name) !== undefined;
