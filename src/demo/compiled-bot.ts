import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { shipmateProgram } from '../shipmate-program.js';
import { writeTranscript } from '../sandbox/transcript.js';
import type { SandboxSession } from '../sandbox/sandbox-session.js';
import {
  SANDBOX_SLACK_APP_TOKEN,
  SANDBOX_SLACK_BOT_TOKEN,
  SANDBOX_SLACK_SIGNING_SECRET,
} from '../sandbox/slack/sandbox-slack-secrets.js';

export interface CompiledBot {
  child: ChildProcess;
  port: number;
  /** Everything the bot printed so far (JSON log lines and anything else). */
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `shipmate start` from dist/ against a sandbox session, and resolves once it says it is connected or listening. */
export async function startCompiledBot(
  session: SandboxSession,
  mode: 'socket' | 'http',
  extraEnv: Record<string, string> = {},
  /** The program and its arguments (default: `shipmate start` as the container image runs it, see shipmateProgram). */
  argv: readonly string[] = [...shipmateProgram(), 'start'],
): Promise<CompiledBot> {
  const port = await freePort();
  const secrets =
    mode === 'socket'
      ? { SLACK_APP_TOKEN: SANDBOX_SLACK_APP_TOKEN }
      : { SLACK_SIGNING_SECRET: SANDBOX_SLACK_SIGNING_SECRET };
  const child = spawn(argv[0]!, argv.slice(1), {
    env: {
      ...process.env,
      ...session.env,
      SLACK_BOT_TOKEN: SANDBOX_SLACK_BOT_TOKEN,
      ...secrets,
      SLACK_API_URL: `${session.sandbox.url}/slack/api/`,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      writeTranscript('bot-output', output);
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 15 s:\n${output}`)), 15_000);
    const check = () => {
      if (/shipmate is (connected|listening)/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited with ${code} before it started:\n${output}`));
    });
  });
  return {
    child,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
