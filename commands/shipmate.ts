import { z } from 'zod';
import { defineCommand } from './command-definition.js';

/** Subcommands of /shipmate available today; status, lock and unlock arrive with /deploy. */
export const SHIPMATE_SUBCOMMANDS = ['help', 'history', 'cancel'] as const;

export const shipmateCommand = defineCommand({
  name: 'shipmate',
  summary: 'Help, recent history, and cancelling a request or a running build',
  usage: 'help|history|cancel <id>',
  positionals: ['subcommand', 'rest'],
  variadic: true,
  schema: z
    .strictObject({
      subcommand: z
        .enum(SHIPMATE_SUBCOMMANDS, {
          error: (issue) => `unknown subcommand "${String(issue.input)}" (known: ${SHIPMATE_SUBCOMMANDS.join(', ')})`,
        })
        .default('help'),
      rest: z.array(z.string()).default([]),
    })
    .superRefine((args, ctx) => {
      if (args.subcommand === 'cancel' && (args.rest.length !== 1 || !/^[a-z0-9]+(-[a-z0-9-]+)?$/.test(args.rest[0]!))) {
        ctx.addIssue({ code: 'custom', message: 'cancel needs one request or build id, e.g. /shipmate cancel b7k2q9', path: [] });
      }
      if (args.subcommand !== 'cancel' && args.rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${args.subcommand} takes no arguments`, path: [] });
      }
    }),
});

export type ShipmateArgs = z.infer<typeof shipmateCommand.schema>;
