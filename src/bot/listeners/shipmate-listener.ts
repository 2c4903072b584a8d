import type { ShipmateArgs } from '../../../commands/shipmate.js';
import { renderHelp } from '../../adapters/slack/render/help-reply.js';
import { helpEntries } from '../../app/help-entries.js';
import type { SlashHandler } from './slash-listener.js';

/** /shipmate help (and, in later issues, status, history, cancel, lock, unlock). */
export function shipmateListener(): SlashHandler<ShipmateArgs> {
  return async ({ args, ack }) => {
    switch (args.subcommand) {
      case 'help':
        await ack(renderHelp(helpEntries()));
        return;
    }
  };
}
