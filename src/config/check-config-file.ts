import { parseStoreUrl } from '../adapters/store/store-url.js';
import { ConfigError } from './config-error.js';
import { interpolateEnv } from './interpolate.js';
import { readConfigDocument, validateConfig } from './load-config.js';

const STAND_IN = 'unset';

/**
 * What `shipmate config validate` checks: the YAML, the schema (unknown keys,
 * types, cross-references, cron expressions, time zones) and the store URL,
 * with no credentials and no cluster. It runs where the secrets are not (a CI
 * job), so an unset ${VAR} is a warning and its key is left unchecked; every
 * other problem is one line of the ConfigError thrown, naming the file and
 * the key. Returns the warnings.
 */
export function checkConfigFile(path: string, env: NodeJS.ProcessEnv): string[] {
  const document = readConfigDocument(path);
  const unset = interpolateEnv(document, env).problems;
  const uncheckedKeys = unset.map((problem) => problem.slice(0, problem.indexOf(': environment variable')));
  const checked = (problem: string) =>
    !uncheckedKeys.some((key) => [':', '.', '['].some((next) => problem.startsWith(`${path}: ${key}${next}`)));
  const withStandIns = new Proxy(env, { get: (target, name) => (typeof name === 'string' && target[name]) || STAND_IN });
  const problems: string[] = [];
  const collect = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.filter(checked));
    }
  };
  collect(() => {
    const config = validateConfig(document, path, withStandIns);
    if (!uncheckedKeys.includes('store.url')) collect(() => prefixed(path, () => parseStoreUrl(config.store.url)));
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return unset.map((warning) => `${path}: ${warning}`);
}

function prefixed(path: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.problems.map((problem) => `${path}: ${problem}`));
    throw error;
  }
}
