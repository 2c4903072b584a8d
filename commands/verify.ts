import { z } from 'zod';
import { environmentArgument } from './arguments.js';
import { defineCommand } from './command-definition.js';

export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'Run the environment\'s HTTP smoke tests and post the results as a table',
  usage: '[env]',
  positionals: ['env'],
  schema: z.strictObject({ env: environmentArgument.optional() }),
});

export type VerifyArgs = z.infer<typeof verifyCommand.schema>;
