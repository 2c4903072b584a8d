import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandboxSession } from '../src/sandbox/sandbox-session.js';
import { loadScenario, scenarioNames } from '../src/sandbox/scenarios.js';
import { SANDBOX_SLACK_APP_TOKEN, SANDBOX_SLACK_BOT_TOKEN } from '../src/sandbox/slack/sandbox-slack-secrets.js';

/**
 * npm run sandbox [scenario]: the sandbox alone, left running, for trying
 * shipmate by hand. Everything a shipmate process needs to talk to it goes
 * into an env file of the session's own (mode 0600: it holds the sandbox's
 * made-up tokens, which are never printed); `source` it, then run
 * `node dist/src/cli.js readiness` or `start`. Ctrl-C stops it.
 */
const name = process.argv[2] ?? 'healthy';
if (!scenarioNames().includes(name)) {
  process.stderr.write(`unknown scenario "${name}" (known: ${scenarioNames().join(', ')})\n`);
  process.exit(2);
}
const session = await startSandboxSession(loadScenario(name));
const env: Record<string, string> = {
  ...session.env,
  SLACK_API_URL: `${session.sandbox.url}/slack/api/`,
  SLACK_BOT_TOKEN: SANDBOX_SLACK_BOT_TOKEN,
  SLACK_APP_TOKEN: SANDBOX_SLACK_APP_TOKEN,
};
const envFile = join(session.dir, 'sandbox.env');
writeFileSync(envFile, Object.entries(env).map(([k, v]) => `export ${k}='${v.replaceAll("'", "'\\''")}'`).join('\n') + '\n', { mode: 0o600 });
chmodSync(envFile, 0o600);
process.stdout.write(
  [
    `The sandbox is running the scenario "${name}" at ${session.sandbox.url} (HTTPS ${session.sandbox.httpsUrl}).`,
    `Its config is ${session.configPath}. In another shell:`,
    '',
    `  source ${envFile}`,
    '  node dist/src/cli.js readiness          # or: node dist/src/cli.js start (Socket Mode against the sandbox)',
    '',
    'Ctrl-C stops it.',
    '',
  ].join('\n'),
);
const stop = () => void session.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
