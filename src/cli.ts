#!/usr/bin/env node
import { loadReadinessPorts } from './adapters/create-readiness-ports.js';
import { exitAfterFlush } from './cli/exit-after-flush.js';
import { runCli } from './cli/run-cli.js';
import { runBot } from './main.js';
import { SHIPMATE_VERSION as version } from './shipmate-version.js';

// The AWS SDK warns about Node versions on every run; in a CI gate's output that is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `shipmate help | head`: a reader that goes away ends the command quietly, not with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// Only a started bot keeps the process running; every other command ends once its output is out.
let serving = false;
const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  // Not a terminal (piped, or run by the demo): $COLUMNS when set, as shells and `less` do.
  columns: process.stdout.columns || Number(process.env.COLUMNS) || undefined,
  portsFor: loadReadinessPorts,
  startBot: async (config, env) => {
    serving = true;
    return runBot(config, env);
  },
  version,
});
if (serving && code === 0) process.exitCode = code;
else await exitAfterFlush(code);
