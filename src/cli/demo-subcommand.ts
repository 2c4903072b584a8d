import { sep } from 'node:path';
import { UsageError } from '../usage-error.js';
import type { CliIo } from './cli-io.js';

export const DEMO_NOT_IN_IMAGE =
  'shipmate: the demo is not part of this image: it needs the sandbox, which only the npm package carries (npm install -g ./shipmate-<version>.tgz, then shipmate demo)\n';

/** The scenarios of `shipmate demo --web --scenario S` (src/playground/server/playground-scenarios.ts names their files). */
const WEB_SCENARIOS = ['healthy', 'broken', 'crash', 'frozen'] as const;

export interface DemoOptions {
  color: boolean;
  web?: boolean;
  port?: string;
  scenario?: string;
}

/**
 * `shipmate demo`: the sandbox and the demo load only now, so no other command pays for them,
 * and where they are absent (the container image drops the compiled sandbox) the command says so.
 * With --web, the playground page instead, until SIGINT or SIGTERM.
 */
export async function demoSubcommand(options: DemoOptions, io: CliIo, stopped: () => Promise<unknown> = untilSignal): Promise<number> {
  const web = options.web ? webOptions(options) : undefined;
  if (!web && (options.port !== undefined || options.scenario !== undefined)) throw new UsageError('--port and --scenario go with --web');
  let demo: typeof import('../demo/run-demo.js');
  try {
    demo = await import('../demo/run-demo.js');
  } catch (error) {
    if (!isMissingSandbox(error)) throw error;
    io.stderr(DEMO_NOT_IN_IMAGE);
    return 2;
  }
  if (web) return demo.runPlayground(web, { stdout: io.stdout, stderr: io.stderr, stopped: stopped() });
  return demo.runDemo({
    stdout: io.stdout,
    env: io.env,
    noColor: !options.color,
    isTty: io.isTty,
    ...(io.columns ? { columns: io.columns } : {}),
  });
}

function webOptions(options: DemoOptions): { port: number; scenario: (typeof WEB_SCENARIOS)[number] } {
  const port = options.port ?? '0';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a port number from 0 to 65535 (0: a free one), not "${port}"`);
  const scenario = options.scenario ?? 'healthy';
  const known = WEB_SCENARIOS.find((s) => s === scenario);
  if (!known) throw new UsageError(`--scenario must be one of ${WEB_SCENARIOS.join(', ')}, not "${scenario}"`);
  return { port: Number(port), scenario: known };
}

/** Resolves on the first SIGINT or SIGTERM (the playground then stops cleanly). */
function untilSignal(): Promise<unknown> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** Only a missing file of shipmate's own sandbox or demo; any other missing module is a real fault. */
function isMissingSandbox(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return false;
  const missing = /Cannot find module '([^']+)'/.exec(message)?.[1] ?? '';
  return [`${sep}sandbox${sep}`, `${sep}demo${sep}`].some((folder) => missing.includes(`${sep}src${folder}`));
}
