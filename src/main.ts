import { createReadinessPorts } from './adapters/create-readiness-ports.js';
import { createStore } from './adapters/store/create-store.js';
import { readSlackSecrets } from './bot/slack-secrets.js';
import { startBot, type RunningBot } from './bot/start-bot.js';
import { testClockFrom, TEST_CLOCK_OFFSET_VARIABLE } from './bot/test-clock.js';
import { secretValues } from './config/redact.js';
import type { ShipmateConfig } from './config/schema.js';
import { ConfigError } from './config/config-error.js';
import { createLogger } from './logging/logger.js';
import { createPrometheusMetrics } from './adapters/metrics/prometheus-metrics.js';
import { checkSlackConnection, SlackStartError, slackFailureCause, slackHost } from './bot/slack-preflight.js';
import { describeStartup, startupSummary } from './bot/startup-summary.js';
import type { Logger } from './logging/logger.js';

/**
 * The composition root of the Slack bot: secrets and settings from the
 * environment, the real adapters, Bolt. Stops cleanly on SIGTERM / SIGINT.
 */
export async function runBot(config: ShipmateConfig, env: NodeJS.ProcessEnv): Promise<RunningBot> {
  const connection = readSlackSecrets(env);
  const port = parsePort('PORT', env.PORT) ?? 3000;
  const opsPort = parsePort('OPS_PORT', env.OPS_PORT);
  if (opsPort !== undefined && opsPort !== 0 && opsPort === port) throw new ConfigError([`OPS_PORT must differ from PORT (both are ${port})`]);
  const logger = createLogger({ level: env.LOG_LEVEL, secrets: secretValues(env), write: (line) => process.stdout.write(line) });
  const prometheus = createPrometheusMetrics();
  const testClock = testClockFrom(env);
  if (testClock) logger.warn(`${TEST_CLOCK_OFFSET_VARIABLE}: the clock runs ${testClock.offsetMs} ms ahead (tests against the sandbox only)`);
  const summary = startupSummary(config, { socketMode: connection.mode === 'socket', port, ...(opsPort !== undefined ? { opsPort } : {}) });
  logger.info({ startup: summary }, `shipmate is starting: ${describeStartup(summary)}`);
  // The handlers come before the start: a SIGTERM right after "shipmate is connected" must find them (it did not always).
  let bot: RunningBot | undefined;
  const stop = (signal: NodeJS.Signals) => {
    // Still starting: the signal's default action, as when no handler existed yet.
    if (!bot) return void process.kill(process.pid, signal);
    const running = bot;
    logger.info(`${signal}: stopping (no new work; running handlers finish; builds and rollouts are handed over through the store)`);
    // Within Kubernetes' grace period whatever happens: a stop that hangs is cut short, and the store already holds everything in flight.
    setTimeout(() => {
      logger.error(`stopping took longer than ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    running.stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  bot = await exitIfSlackFails(logger, env.SLACK_API_URL, async () => {
    await checkSlackConnection({ botToken: connection.botToken, ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}), timeoutMs: SLACK_CHECK_TIMEOUT_MS });
    return startBot({
      config,
      connection,
      port,
      ...(opsPort !== undefined ? { opsPort } : {}),
      logger,
      createPorts: createReadinessPorts,
      store: createStore(config.store.url),
      metrics: { port: prometheus.metrics, render: async () => ({ contentType: prometheus.contentType, body: await prometheus.render() }) },
      ...(env.SHIPMATE_LEASE_TTL_MS ? { leaseTtlMs: positiveMs('SHIPMATE_LEASE_TTL_MS', env.SHIPMATE_LEASE_TTL_MS) } : {}),
      ...(env.SHIPMATE_LEASE_RENEW_MS ? { leaseRenewMs: positiveMs('SHIPMATE_LEASE_RENEW_MS', env.SHIPMATE_LEASE_RENEW_MS) } : {}),
      ...(env.SHIPMATE_BUILD_POLL_MS ? { buildPollMs: positiveMs('SHIPMATE_BUILD_POLL_MS', env.SHIPMATE_BUILD_POLL_MS) } : {}),
      ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
      ...(testClock ? { clock: testClock.clock } : {}),
    });
  });
  return bot;
}

const STOP_DEADLINE_MS = 9_000;
/** auth.test at start-up, once, without retries. */
const SLACK_CHECK_TIMEOUT_MS = 10_000;
/** Socket Mode's client retries apps.connections.open for half an hour; at start-up we give up long before. */
const START_DEADLINE_MS = 60_000;

/**
 * Slack unreachable, or refusing a token, at start-up: one error line naming
 * the host and the cause, and exit 1, instead of a stack trace or retries
 * for minutes. Reconnects after a successful start are Bolt's, untouched.
 */
async function exitIfSlackFails(logger: Logger, slackApiUrl: string | undefined, start: () => Promise<RunningBot>): Promise<RunningBot> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SlackStartError(slackHost(slackApiUrl), `not connected within ${START_DEADLINE_MS / 1000} s`)), START_DEADLINE_MS);
    timer.unref();
  });
  try {
    return await Promise.race([start(), deadline]);
  } catch (error) {
    const slackError = error instanceof SlackStartError ? error : isSlackError(error) ? new SlackStartError(slackHost(slackApiUrl), slackFailureCause(error)) : undefined;
    if (!slackError) throw error;
    logger.error(slackError.message);
    process.exit(1);
  } finally {
    clearTimeout(timer);
  }
}

function isSlackError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('slack_');
}

function parsePort(name: 'PORT' | 'OPS_PORT', value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError([`${name} must be a port number, not "${value}"`]);
  return port;
}

function positiveMs(name: string, value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 50) throw new ConfigError([`${name} must be a whole number of milliseconds, at least 50, not "${value}"`]);
  return ms;
}
