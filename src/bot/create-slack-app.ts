import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel, type CustomRoute, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import type { SlackConnection } from './slack-secrets.js';

export interface SlackAppOptions {
  connection: SlackConnection;
  /** HTTP mode: Slack's requests and /healthz; Socket Mode: /healthz only. */
  port: number;
  /** Another base URL for Slack's Web API (and Socket Mode's apps.connections.open), e.g. the sandbox. */
  slackApiUrl?: string;
  logger: Logger;
}

/**
 * Bolt in Socket Mode (no public endpoint) when an app token is given, in
 * HTTP mode otherwise, where HTTPReceiver verifies X-Slack-Signature and the
 * timestamp before any listener runs.
 */
export function createSlackApp({ connection, port, slackApiUrl, logger }: SlackAppOptions): App {
  // Bolt copies clientOptions into the Socket Mode client's options, so one slackApiUrl serves both.
  const clientOptions = slackApiUrl ? { slackApiUrl } : {};
  const customRoutes: CustomRoute[] = [{ path: '/healthz', method: ['GET'], handler: healthz }];
  const common = { token: connection.botToken, logger: boltLogger(logger), clientOptions, customRoutes, port };
  return connection.mode === 'socket'
    ? new App({ ...common, socketMode: true, appToken: connection.appToken })
    : new App({ ...common, signingSecret: connection.signingSecret });
}

function healthz(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
}

/** Our logger speaks Bolt's Logger interface but for the level's type, which Bolt declares as its own enum. */
function boltLogger(logger: Logger): BoltLogger {
  return { ...logger, getLevel: () => logger.getLevel() as LogLevel, setLevel: (level: LogLevel) => logger.setLevel(level) };
}
