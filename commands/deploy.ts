import { z } from 'zod';
import { nameArgument, versionArgument } from './arguments.js';
import { defineCommand } from './command-definition.js';

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'Preflight, approval, then a pinned rollout watched like kubectl, rolled back if it fails',
  usage: '<service> <version> [env] [--override]',
  positionals: ['service', 'version', 'options'],
  variadic: true,
  schema: z
    .strictObject({
      service: z.string({ error: 'a service is required, e.g. /deploy backend 1.1.0' }).pipe(nameArgument('a service')),
      version: versionArgument,
      /** An environment and/or --override (deploy inside a freeze window, with one more approval). */
      options: z.array(z.union([z.literal('--override'), nameArgument('an environment')])).max(2).default([]),
    })
    .transform(({ service, version, options }) => ({
      service,
      version,
      env: options.find((o) => o !== '--override'),
      override: options.includes('--override'),
    })),
});

export type DeployArgs = z.infer<typeof deployCommand.schema>;
