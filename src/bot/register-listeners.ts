import type { App } from '@slack/bolt';
import type { CommandDefinition } from '../../commands/command-definition.js';
import { commands, type CommandName } from '../../commands/index.js';
import { registerApprovalActions } from './actions/approval-actions.js';
import type { BotDeps } from './bot-deps.js';
import { buildListener } from './listeners/build-listener.js';
import { deployListener } from './listeners/deploy-listener.js';
import { releaseListener } from './listeners/release-listener.js';
import { verifyListener } from './listeners/verify-listener.js';
import { readinessListener } from './listeners/readiness-listener.js';
import { shipmateListener } from './listeners/shipmate-listener.js';
import { slashListener, type SlashHandler } from './listeners/slash-listener.js';
import { trustedOnly } from './listeners/trusted-only.js';

/** The one place listeners are mapped to handlers; every command definition must have one. */
export function registerListeners(app: App, deps: BotDeps): void {
  const handlers: { [K in CommandName]: SlashHandler<never> } = {
    readiness: readinessListener(deps) as SlashHandler<never>,
    build: trustedOnly('request builds', buildListener(deps), deps) as SlashHandler<never>,
    deploy: trustedOnly('request deploys', deployListener(deps), deps) as SlashHandler<never>,
    release: trustedOnly('request releases', releaseListener(deps), deps) as SlashHandler<never>,
    verify: verifyListener(deps) as SlashHandler<never>,
    shipmate: shipmateListener(deps, () => app.client) as SlashHandler<never>,
  };
  for (const definition of commands) {
    const handler = handlers[definition.name] as SlashHandler<Record<string, unknown>>;
    const audit = async ({ userId, text, reason }: { userId: string; text: string; reason: string }) =>
      deps.store.appendAudit({ at: deps.clock.now(), actor: userId, action: `${definition.name}.refused`, detail: `/${definition.name} ${text}: ${reason}` });
    app.command(`/${definition.name}`, slashListener(definition as CommandDefinition<Record<string, unknown>>, handler, deps.logger, audit, deps.metrics));
  }
  registerApprovalActions(app, deps);
}
