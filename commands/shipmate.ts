import { z } from 'zod';
import { defineCommand } from './command-definition.js';

export const SHIPMATE_SUBCOMMANDS = ['help', 'status', 'history', 'digest', 'cancel', 'lock', 'unlock'] as const;

export const shipmateCommand = defineCommand({
  name: 'shipmate',
  summary: 'Help, status of every service, history, a digest now, cancel a request or build, hold or release a deploy lock',
  usage: 'help|status|history|digest [env]|cancel <id>|lock <service> [env] <reason>|unlock <service> [env]',
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
      if (args.subcommand === 'lock' && args.rest.length < 2) {
        ctx.addIssue({ code: 'custom', message: 'lock needs a service and a reason, e.g. /shipmate lock backend production incident 4711', path: [] });
      }
      if (args.subcommand === 'unlock' && (args.rest.length < 1 || args.rest.length > 2)) {
        ctx.addIssue({ code: 'custom', message: 'unlock needs a service and optionally an environment, e.g. /shipmate unlock backend production', path: [] });
      }
      if (args.subcommand === 'digest' && args.rest.length > 1) {
        ctx.addIssue({ code: 'custom', message: 'digest takes at most an environment, e.g. /shipmate digest production', path: [] });
      }
      if (['help', 'status', 'history'].includes(args.subcommand) && args.rest.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${args.subcommand} takes no arguments`, path: [] });
      }
    }),
});

export type ShipmateArgs = z.infer<typeof shipmateCommand.schema>;
