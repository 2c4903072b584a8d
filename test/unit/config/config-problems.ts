import { expect } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { validateConfig } from '../../../src/config/load-config.js';

/** The lines a config document is refused with, as loaded from shipmate.yml with no environment variables. */
export function problemsOf(doc: unknown): string[] {
  try {
    validateConfig(doc, 'shipmate.yml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}
