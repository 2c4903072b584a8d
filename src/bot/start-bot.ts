import type { App } from '@slack/bolt';
import type { ShipmateConfig } from '../config/schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import type { Logger } from '../logging/logger.js';
import { createSlackApp } from './create-slack-app.js';
import { registerListeners } from './register-listeners.js';
import type { SlackConnection } from './slack-secrets.js';

export interface BotOptions {
  config: ShipmateConfig;
  connection: SlackConnection;
  port: number;
  slackApiUrl?: string;
  logger: Logger;
  createPorts(config: ShipmateConfig, environment: string): ReadinessPorts;
}

export interface RunningBot {
  app: App;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, connection, port, logger } = options;
  const ports = new Map<string, ReadinessPorts>();
  const portsFor = (environment: string) => {
    let found = ports.get(environment);
    if (!found) {
      found = options.createPorts(config, environment);
      ports.set(environment, found);
    }
    return found;
  };
  const app = createSlackApp({ connection, port, logger, ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}) });
  registerListeners(app, { config, portsFor, logger });
  await app.start(port);
  logger.info(
    connection.mode === 'socket'
      ? `shipmate is connected in Socket Mode; /healthz on port ${port}`
      : `shipmate is listening in HTTP mode on port ${port} (Slack requests at /slack/events)`,
  );
  return { app, stop: () => app.stop() as Promise<void> };
}
