import { commands } from '../../commands/index.js';

export interface HelpEntry {
  /** As typed in Slack: "/readiness [env] [version]". */
  usage: string;
  summary: string;
}

/** Help generated from the command definitions, so it cannot drift from what the commands accept. */
export function helpEntries(): HelpEntry[] {
  return commands.map((c) => ({ usage: `/${c.name} ${c.usage}`, summary: c.summary }));
}
