import { App, SocketModeReceiver, type CustomRoute, type LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { FetchFunction } from '@slack/web-api';
import type { Logger } from '../logging/logger.js';
import type { SlackConnection } from './slack-secrets.js';

export interface SlackAppOptions {
  connection: SlackConnection;
  /** HTTP mode: Slack's requests and the operations routes; Socket Mode: the operations routes only. */
  port: number;
  /** Another base URL for Slack's Web API (and Socket Mode's apps.connections.open), e.g. the sandbox. */
  slackApiUrl?: string;
  logger: Logger;
  /** /healthz, /readyz, /metrics. */
  routes: CustomRoute[];
  /** The transport of every Slack call (Web API, Socket Mode's connection requests, response_url), e.g. one that counts errors. */
  fetch?: FetchFunction;
}

export interface SlackApp {
  app: App;
  /** Socket Mode: the WebSocket is open; HTTP mode: always (the routes share Slack's server). */
  connected(): boolean;
}

/**
 * Bolt in Socket Mode (no public endpoint) when an app token is given, in
 * HTTP mode otherwise, where HTTPReceiver verifies X-Slack-Signature and the
 * timestamp before any listener runs.
 */
/** @slack/web-api's own default (retryPolicies.tenRetriesInAboutThirtyMinutes, not importable as a named ESM export). */
const SLACK_DEFAULT_RETRIES = { retries: 10, factor: 1.96, randomize: true };

export function createSlackApp({ connection, port, slackApiUrl, logger, routes, fetch }: SlackAppOptions): SlackApp {
  // An explicit retry policy: otherwise Socket Mode's client writes its own (100 retries) into these shared options, and every per-request client inherits it.
  const clientOptions = { ...(slackApiUrl ? { slackApiUrl } : {}), ...(fetch ? { fetch } : {}), retryConfig: SLACK_DEFAULT_RETRIES };
  const log = boltLogger(logger);
  if (connection.mode === 'socket') {
    // Our own receiver, so its Socket Mode client's connection state can be read for /readyz.
    const receiver = new SocketModeReceiver({ appToken: connection.appToken, logger: log, customRoutes: routes, installerOptions: { port, clientOptions } });
    let open = false;
    receiver.client.on('connected', () => (open = true));
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) receiver.client.on(state, () => (open = false));
    return { app: new App({ token: connection.botToken, logger: log, clientOptions, receiver }), connected: () => open };
  }
  const app = new App({ token: connection.botToken, logger: log, clientOptions, customRoutes: routes, port, signingSecret: connection.signingSecret });
  // Slack's requests arrive on the very server that answers /readyz: if it answers, Slack can reach the bot.
  return { app, connected: () => true };
}

/** Our logger speaks Bolt's Logger interface but for the level's type, which Bolt declares as its own enum. */
function boltLogger(logger: Logger): BoltLogger {
  return { ...logger, getLevel: () => logger.getLevel() as LogLevel, setLevel: (level: LogLevel) => logger.setLevel(level) };
}
