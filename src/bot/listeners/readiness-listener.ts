import type { ReadinessArgs } from '../../../commands/readiness.js';
import { renderReadinessCard, renderReadinessStarted } from '../../adapters/slack/render/readiness-card.js';
import { resolveEnvironment } from '../../app/resolve-environment.js';
import { runReadiness } from '../../domain/readiness/run-readiness.js';
import type { BotDeps } from '../bot-deps.js';
import type { SlashHandler } from './slash-listener.js';

/** /readiness [env] [version]: ack at once, run every check, post the report card in the channel. */
export function readinessListener(deps: BotDeps): SlashHandler<ReadinessArgs> {
  return async ({ args, ack, post, userId }) => {
    const environment = resolveEnvironment(deps.config, args.env);
    await ack(renderReadinessStarted(environment, args.version));
    const started = performance.now();
    const report = await runReadiness(
      deps.config,
      { environment, ...(args.version ? { version: args.version } : {}) },
      deps.portsFor(environment),
    );
    deps.logger.info(
      `readiness ${environment} for ${userId}: ${report.verdict} ${report.score}/100 in ${Math.round(performance.now() - started)} ms`,
    );
    const cli = `shipmate readiness --env ${environment}${args.version ? ` --version ${args.version}` : ''}`;
    await post(renderReadinessCard(report, { fullReportHint: `\`${cli}\` prints every check` }));
  };
}
