import type { ShipmateArgs } from '../../../commands/shipmate.js';
import { renderHelp } from '../../adapters/slack/render/help-reply.js';
import { renderHistory } from '../../adapters/slack/render/history-reply.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { renderRefusal } from '../../adapters/slack/render/refusal.js';
import { renderNotInChannelHint } from '../../adapters/slack/render/usage-reply.js';
import { code, rich } from '../../domain/text/rich-text.js';
import { cancelBuild } from '../../app/builds/cancel-build.js';
import { requireTrustedActor } from '../../app/identity/actor-refusal.js';
import { postDigestNow } from '../../app/digests/digests.js';
import { resolveEnvironment } from '../../app/resolve-environment.js';
import { lockService, unlockService } from '../../app/deploys/locks.js';
import { serviceStatus } from '../../app/deploys/service-status.js';
import { renderStatus } from '../../adapters/slack/render/status-reply.js';
import { helpEntries } from '../../app/help-entries.js';
import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../bot-deps.js';
import { isNotAMember } from './post-in-channel.js';
import type { SlashHandler } from './slash-listener.js';

const HISTORY_ENTRIES = 15;

/** /shipmate help | status | history | cancel <id> | lock … | unlock …. */
export function shipmateListener(deps: BotDeps, client: () => WebClient): SlashHandler<ShipmateArgs> {
  return async ({ args, ack, respond, userId, teamId, channelId, channelName }) => {
    const trusted = (what: string) => requireTrustedActor({ userId, teamId }, what, deps.directory);
    switch (args.subcommand) {
      case 'help':
        await ack(renderHelp(helpEntries()));
        return;
      case 'status': {
        await ack(renderNote(':hourglass_flowing_sand: Looking at every service…'));
        await respond(renderStatus(await serviceStatus(deps.config, deps.store, deps.portsFor)));
        return;
      }
      case 'lock': {
        await trusted('lock deploys');
        const lock = await lockService(args.rest, userId, deps);
        await ack(renderNote(rich`:lock: Deploys of ${lock.service} to ${lock.environment} are locked: ${lock.reason}. ${code(`/shipmate unlock ${lock.service} ${lock.environment}`)} releases it.`));
        return;
      }
      case 'unlock': {
        await trusted('unlock deploys');
        const lock = await unlockService(args.rest, userId, deps);
        await ack(renderNote(rich`:unlock: Deploys of ${lock.service} to ${lock.environment} are open again (the lock said: ${lock.reason}).`));
        return;
      }
      case 'digest': {
        const environment = resolveEnvironment(deps.config, args.rest[0]);
        await ack(renderNote(`:newspaper: Composing the digest of ${environment}…`));
        // Posted in this channel unless the environment names its own: where the bot is not a member, the person is told to invite it.
        await postDigestNow(environment, channelId, deps.digests).catch(async (error: unknown) => {
          if (!isNotAMember(error) || deps.config.environments[environment]?.digest?.channel) throw error;
          await respond(renderNotInChannelHint(channelName));
        });
        return;
      }
      case 'history':
        await ack(renderHistory(await deps.store.recentAudit(HISTORY_ENTRIES)));
        return;
      case 'cancel': {
        await trusted('cancel requests or builds');
        const result = await cancelBuild(args.rest[0]!, userId, deps);
        if (result.kind === 'builds') {
          await ack(renderNote(`:octagonal_sign: Stopping the build of ${result.stopped.join(', ')}; the status message will say when it has stopped.`));
          return;
        }
        if (!result.decision.ok) {
          await ack(renderRefusal(result.decision.reason));
          return;
        }
        await ack(renderNote(`:wastebasket: Request \`${args.rest[0]}\` is cancelled.`));
        return;
      }
    }
  };
}
