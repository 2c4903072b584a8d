import { z } from 'zod';
import { environmentArgument, versionArgument } from './arguments.js';
import { defineCommand } from './command-definition.js';

export const readinessCommand = defineCommand({
  name: 'readiness',
  summary: 'Run every read-only check for an environment and post the report card',
  usage: '[env] [version]',
  positionals: ['env', 'version'],
  schema: z.strictObject({ env: environmentArgument.optional(), version: versionArgument.optional() }),
});

export type ReadinessArgs = z.infer<typeof readinessCommand.schema>;
