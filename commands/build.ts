import { z } from 'zod';
import { nameArgument, versionArgument } from './arguments.js';
import { defineCommand } from './command-definition.js';

export const buildCommand = defineCommand({
  name: 'build',
  summary: 'Ask for approval, then start a CodeBuild build per service and follow it',
  usage: '<version> [service…|all] [env]',
  positionals: ['version', 'targets'],
  variadic: true,
  schema: z.strictObject({
    version: versionArgument,
    /** Services, "all", and optionally an environment name last: told apart against the config. */
    targets: z.array(z.union([z.literal('all'), nameArgument('a service')])).default([]),
  }),
});

export type BuildArgs = z.infer<typeof buildCommand.schema>;
