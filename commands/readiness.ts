import { z } from 'zod';
import { parseVersion } from '../src/domain/version.js';
import { defineCommand } from './command-definition.js';

const environment = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'an environment is a lowercase name such as staging');

const version = z.string().transform((input, ctx) => {
  const parsed = parseVersion(input);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  }
  return parsed.version;
});

export const readinessCommand = defineCommand({
  name: 'readiness',
  summary: 'Run every read-only check for an environment and post the report card',
  usage: '[env] [version]',
  positionals: ['env', 'version'],
  schema: z.strictObject({ env: environment.optional(), version: version.optional() }),
});

export type ReadinessArgs = z.infer<typeof readinessCommand.schema>;
