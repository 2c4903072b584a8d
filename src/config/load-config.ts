import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { formatPath, interpolateEnv } from './interpolate.js';
import { configSchema, type ShipmateConfig } from './schema.js';
import { schemaKeys, suggestKey } from './suggest-key.js';

/** Where the config is read from: --config, then $SHIPMATE_CONFIG, then ./shipmate.yml. */
export function configPath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(flag ?? env.SHIPMATE_CONFIG ?? 'shipmate.yml');
}

/** The YAML document as data, before interpolation and validation. */
export function readConfigDocument(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new ConfigError([`${path}: cannot read the config (${why}); pass --config PATH or set SHIPMATE_CONFIG`]);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((e) => {
        const at = e.linePos?.[0];
        return `${path}${at ? `:${at.line}:${at.col}` : ''}: invalid YAML: ${e.message.split(' at line', 1)[0]}`;
      }),
    );
  }
  return document.toJS() ?? {};
}

/** Interpolates ${VAR}s and validates; every problem is reported at once, each naming its key and the file. */
export function validateConfig(document: unknown, source: string, env: NodeJS.ProcessEnv): ShipmateConfig {
  const { value, problems } = interpolateEnv(document, env);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${source}: ${p}`));
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.flatMap((issue) => describeIssue(issue, source)));
  return parsed.data;
}

export function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): ShipmateConfig {
  return validateConfig(readConfigDocument(path), path, env);
}

let knownKeys: string[] | undefined;

function describeIssue(issue: z.core.$ZodIssue, source: string): string[] {
  if (issue.code === 'unrecognized_keys') {
    knownKeys ??= schemaKeys(configSchema);
    return issue.keys.map((key) => {
      const hint = suggestKey(key, knownKeys!);
      return `${source}: ${formatPath([...issue.path, key])}: unknown key${hint ? ` (did you mean "${hint}"?)` : ''}`;
    });
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return [`${source}: ${formatPath(issue.path)}: required key is missing`];
  }
  return [`${source}: ${formatPath(issue.path)}: ${issue.message}`];
}
