import { z } from 'zod';
import { defineCommand } from './command-definition.js';

/** Subcommands of /shipmate available today; status, history, cancel, lock and unlock arrive with the actions they act on. */
export const SHIPMATE_SUBCOMMANDS = ['help'] as const;

export const shipmateCommand = defineCommand({
  name: 'shipmate',
  summary: 'Help, generated from the command definitions',
  usage: SHIPMATE_SUBCOMMANDS.join('|'),
  positionals: ['subcommand'],
  schema: z.strictObject({
    subcommand: z
      .enum(SHIPMATE_SUBCOMMANDS, {
        error: (issue) => `unknown subcommand "${String(issue.input)}" (known: ${SHIPMATE_SUBCOMMANDS.join(', ')})`,
      })
      .default('help'),
  }),
});

export type ShipmateArgs = z.infer<typeof shipmateCommand.schema>;
