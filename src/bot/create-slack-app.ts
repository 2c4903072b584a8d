import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type LogLevel, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { FetchFunction } from '@slack/web-api';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../ports/clock.port.js';
import type { StorePort } from '../ports/store.port.js';
import { opsServer, withOpsServer } from './http/ops-server.js';
import { guardSlackRequests } from './http/slack-request-guard.js';
import type { SlackConnection } from './slack-secrets.js';

export interface SlackAppOptions {
  connection: SlackConnection;
  /** HTTP mode: Slack's requests and (without `opsPort`) the operations routes; Socket Mode: the operations routes only. */
  port: number;
  /** OPS_PORT: the operations routes on a port of their own, and not on `port`. */
  opsPort?: number;
  /** Another base URL for Slack's Web API (and Socket Mode's apps.connections.open), e.g. the sandbox. */
  slackApiUrl?: string;
  logger: Logger;
  /** /healthz, /readyz, /metrics. */
  routes: CustomRoute[];
  /** The transport of every Slack call (Web API, Socket Mode's connection requests, response_url), e.g. one that counts errors. */
  fetch?: FetchFunction;
  /** HTTP mode: the seen-signature cache that refuses replays, and the clock that dates requests. */
  signatures: Pick<StorePort, 'rememberSignature'>;
  clock: Clock;
}

export interface SlackApp {
  app: App;
  /** Socket Mode: the WebSocket is open; HTTP mode: always (the routes share Slack's server). */
  connected(): boolean;
}

/** @slack/web-api's own default (retryPolicies.tenRetriesInAboutThirtyMinutes, not importable as a named ESM export). */
const SLACK_DEFAULT_RETRIES = { retries: 10, factor: 1.96, randomize: true };

/**
 * Bolt in Socket Mode (no public endpoint) when an app token is given, in
 * HTTP mode otherwise, where a request reaches a listener only when its
 * signature is Slack's, its timestamp within five minutes either way, and
 * its signature not seen before (guardSlackRequests, in front of Bolt's own
 * check). The operations routes share Bolt's server, or with `opsPort` have
 * one of their own.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { connection, port, opsPort, slackApiUrl, logger, routes, fetch } = options;
  // An explicit retry policy: otherwise Socket Mode's client writes its own (100 retries) into these shared options, and every per-request client inherits it.
  const clientOptions = { ...(slackApiUrl ? { slackApiUrl } : {}), ...(fetch ? { fetch } : {}), retryConfig: SLACK_DEFAULT_RETRIES };
  const log = boltLogger(logger);
  const customRoutes = opsPort === undefined ? routes : [];
  const withOps = (receiver: Receiver) => (opsPort === undefined ? receiver : withOpsServer(receiver, opsServer(routes, opsPort)));
  if (connection.mode === 'socket') {
    // Our own receiver, so its Socket Mode client's connection state can be read for /readyz.
    const receiver = new SocketModeReceiver({ appToken: connection.appToken, logger: log, customRoutes, installerOptions: { port, clientOptions } });
    let open = false;
    receiver.client.on('connected', () => (open = true));
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) receiver.client.on(state, () => (open = false));
    return { app: new App({ token: connection.botToken, logger: log, clientOptions, receiver: withOps(receiver) }), connected: () => open };
  }
  const receiver = new HTTPReceiver({ signingSecret: connection.signingSecret, logger: log, customRoutes, port });
  receiver.requestListener = guardSlackRequests(receiver.requestListener, { signingSecret: connection.signingSecret, signatures: options.signatures, clock: options.clock, logger });
  const app = new App({ token: connection.botToken, logger: log, clientOptions, receiver: withOps(receiver) });
  // Slack's requests arrive on Bolt's server: if it is listening, Slack can reach the bot.
  return { app, connected: () => true };
}

/** Our logger speaks Bolt's Logger interface but for the level's type, which Bolt declares as its own enum. */
function boltLogger(logger: Logger): BoltLogger {
  return { ...logger, getLevel: () => logger.getLevel() as LogLevel, setLevel: (level: LogLevel) => logger.setLevel(level) };
}
