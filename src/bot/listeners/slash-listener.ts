import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { CommandDefinition } from '../../../commands/command-definition.js';
import type { SlackMessage } from '../../adapters/slack/blocks/slack-message.js';
import { renderNote } from '../../adapters/slack/render/note.js';
import { renderUsageError } from '../../adapters/slack/render/usage-reply.js';
import { rich } from '../../domain/text/rich-text.js';
import { parseCommandArgs } from '../../cli/parse-command-args.js';
import type { Logger } from '../../logging/logger.js';
import { noMetrics, type MetricsPort } from '../../ports/metrics.port.js';
import { UsageError } from '../../usage-error.js';
import { respondEphemeral } from '../respond-ephemeral.js';
import { postInChannel } from './post-in-channel.js';

/** What a command's handler gets: its validated arguments and the ways to answer. */
export interface SlashContext<Args> {
  args: Args;
  userId: string;
  /** The team the command's payload names for the user (another one for a Slack Connect member). */
  teamId: string;
  channelId: string;
  channelName: string;
  /** Acknowledge within Slack's 3 s, optionally with an ephemeral message. Call it before any slow work. */
  ack(message?: SlackMessage): Promise<void>;
  /** An ephemeral message to the person who ran the command (through response_url). */
  respond(message: SlackMessage): Promise<void>;
  /** A message in the command's channel, with a hint to invite the bot when it is not a member (then undefined). */
  post(message: SlackMessage): Promise<{ ts: string } | undefined>;
}

export type SlashHandler<Args> = (context: SlashContext<Args>) => Promise<void>;

/**
 * A Bolt listener for one command definition: parses the text with the
 * command's schema, answers bad input with an ephemeral usage line (and
 * nothing else happens), and turns any failure into a polite reply and a log
 * line instead of silence.
 */
export function slashListener<Args extends Record<string, unknown>>(
  definition: CommandDefinition<Args>,
  handler: SlashHandler<Args>,
  logger: Logger,
  /** Told of every refused command (bad input, not allowed), e.g. to audit it. */
  onRefused: (refusal: { userId: string; channelId: string; text: string; reason: string }) => Promise<void> = async () => undefined,
  metrics: MetricsPort = noMetrics,
) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    let acked = false;
    const ackOnce = async (message?: SlackMessage) => {
      if (acked) return;
      acked = true;
      await ack(message ? { response_type: 'ephemeral', ...message } : undefined);
    };
    const reply = (message: SlackMessage) => respondEphemeral(respond, message);
    try {
      const words = command.text.trim().split(/\s+/).filter(Boolean);
      const args = parseCommandArgs(definition, words);
      await handler({
        args,
        userId: command.user_id,
        teamId: command.team_id,
        channelId: command.channel_id,
        channelName: command.channel_name,
        ack: ackOnce,
        respond: reply,
        post: (message) => postInChannel(client, command.channel_id, command.channel_name, message, reply),
      });
      await ackOnce();
      metrics.commandHandled(definition.name, 'ok');
    } catch (error) {
      metrics.commandHandled(definition.name, error instanceof UsageError ? 'refused' : 'error');
      if (error instanceof UsageError) {
        await onRefused({ userId: command.user_id, channelId: command.channel_id, text: command.text, reason: error.message }).catch(
          (e: unknown) => logger.error(`could not record the refusal of /${definition.name}:`, e),
        );
        const message = renderUsageError(error.text, error.showsUsage ? `/${definition.name} ${definition.usage}` : undefined);
        if (acked) await reply(message);
        else await ackOnce(message);
        return;
      }
      logger.error(`/${definition.name} failed for ${command.user_id} in ${command.channel_id}:`, error);
      const sorry: SlackMessage = renderNote(rich`Sorry, /${definition.name} failed: ${firstLine(error)}`);
      if (acked) await reply(sorry).catch((e: unknown) => logger.error('could not tell the user:', e));
      else await ackOnce(sorry);
    }
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!.slice(0, 300);
}
