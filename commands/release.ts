import { z } from 'zod';
import { environmentArgument, versionArgument } from './arguments.js';
import { defineCommand } from './command-definition.js';

const FROM_EXAMPLE = 'e.g. --from 3 or --from migrate';
const STAGE = /^([1-9]\d{0,2}|[a-z]+)$/;

export const releaseCommand = defineCommand({
  name: 'release',
  summary: "Plan the environment's release runbook, ask for one approval, then run its stages in order in one thread",
  usage: '<version> [env] [--from <stage>] [--override]',
  positionals: ['version', 'options'],
  variadic: true,
  schema: z
    .strictObject({
      version: versionArgument,
      /** An environment, --from <stage> (resume at a stage: its number or its type) and/or --override (inside a freeze window, one more approval). */
      options: z.array(z.string()).default([]),
    })
    .transform(({ version, options }, ctx) => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message, path: [] });
        return z.NEVER;
      };
      let env: string | undefined;
      let from: string | undefined;
      let override = false;
      for (let i = 0; i < options.length; i++) {
        const word = options[i]!;
        if (word === '--override') {
          if (override) return fail('--override is given twice');
          override = true;
        } else if (word === '--from' || word.startsWith('--from=')) {
          const stage = word === '--from' ? options[++i] : word.slice('--from='.length);
          if (from !== undefined) return fail('--from is given twice');
          if (stage === undefined || stage === '' || stage.startsWith('--')) return fail(`--from needs a stage, ${FROM_EXAMPLE}`);
          if (!STAGE.test(stage)) return fail(`--from "${stage}": a stage is its number or its type, ${FROM_EXAMPLE}`);
          from = stage;
        } else if (word.startsWith('-')) {
          return fail(`unknown option "${word}" (use --from <stage> or --override)`);
        } else {
          if (env !== undefined) return fail(`one environment at most: "${env}" and "${word}" were given`);
          const parsed = environmentArgument.safeParse(word);
          if (!parsed.success) return fail(parsed.error.issues[0]!.message);
          env = word;
        }
      }
      return { version, env, from, override };
    }),
});

export type ReleaseArgs = z.infer<typeof releaseCommand.schema>;
