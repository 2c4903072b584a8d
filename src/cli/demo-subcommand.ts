import { sep } from 'node:path';
import type { CliIo } from './cli-io.js';

export const DEMO_NOT_IN_IMAGE =
  'shipmate: the demo is not part of this image: it needs the sandbox, which only the npm package carries (npm install -g ./shipmate-<version>.tgz, then shipmate demo)\n';

/**
 * `shipmate demo`: the sandbox and the demo load only now, so no other command pays for them,
 * and where they are absent (the container image drops the compiled sandbox) the command says so.
 */
export async function demoSubcommand(options: { color: boolean }, io: CliIo): Promise<number> {
  let demo: typeof import('../demo/run-demo.js');
  try {
    demo = await import('../demo/run-demo.js');
  } catch (error) {
    if (!isMissingSandbox(error)) throw error;
    io.stderr(DEMO_NOT_IN_IMAGE);
    return 2;
  }
  return demo.runDemo({
    stdout: io.stdout,
    env: io.env,
    noColor: !options.color,
    isTty: io.isTty,
    ...(io.columns ? { columns: io.columns } : {}),
  });
}

/** Only a missing file of shipmate's own sandbox or demo; any other missing module is a real fault. */
function isMissingSandbox(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return false;
  const missing = /Cannot find module '([^']+)'/.exec(message)?.[1] ?? '';
  return [`${sep}sandbox${sep}`, `${sep}demo${sep}`].some((folder) => missing.includes(`${sep}src${folder}`));
}
