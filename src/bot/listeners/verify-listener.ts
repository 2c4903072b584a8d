import type { VerifyArgs } from '../../../commands/verify.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { renderVerifyTable } from '../../adapters/slack/render/verify-table.js';
import { requireTrustedActor } from '../../app/identity/actor-refusal.js';
import { resolveEnvironment } from '../../app/resolve-environment.js';
import { requireSomethingToVerify, runVerifyFor } from '../../app/verify/run-verify-for.js';
import { requireMayVerify } from '../../app/verify/may-verify.js';
import type { BotDeps } from '../bot-deps.js';
import type { SlashHandler } from './slash-listener.js';

/** /verify [env]: who may (a full member the verify policy allows), then ack, run the smoke tests, post the table in the channel. */
export function verifyListener(deps: BotDeps): SlashHandler<VerifyArgs> {
  return async ({ args, ack, post, userId, teamId }) => {
    const environment = resolveEnvironment(deps.config, args.env);
    requireSomethingToVerify(deps.config, environment);
    await requireTrustedActor({ userId, teamId }, 'run the smoke tests', deps.directory);
    await requireMayVerify(userId, environment, deps);
    await ack(renderNote(`:test_tube: Running the smoke tests of ${environment}…`));
    const run = await runVerifyFor(deps.config, environment, deps.http, deps.clock, deps.prometheusFor);
    await post(renderVerifyTable({ environment, ...run }));
  };
}
