import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root.js';
import { writeTranscript } from '../../src/sandbox/transcript.js';

/** The one line `shipmate demo --web` prints on stdout once its page is up. */
export const PLAYGROUND_LINE = /^shipmate playground: (http:\/\/127\.0\.0\.1:\d+\/)$/m;

export interface Playground {
  url: string;
  /** What the program printed so far, stdout and stderr. */
  output: () => { stdout: string; stderr: string };
  /** SIGTERM, as a user's Ctrl-C or a service manager would; resolves with the exit code once the process is gone. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the compiled program as a user would: `node dist/src/cli.js demo --web
 * --port 0 [...extra]`, and waits for the line that names its URL.
 */
export function startPlayground(extra: readonly string[] = [], startTimeoutMs = 90_000): Promise<Playground> {
  const cli = join(packageRoot(), 'dist', 'src', 'cli.js');
  const child = spawn(process.execPath, [cli, 'demo', '--web', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      writeTranscript('cli-output', stdout + stderr);
      resolve(code);
    }),
  );
  const output = () => ({ stdout, stderr });
  return new Promise((resolve, reject) => {
    let started = false;
    const fail = (why: string) => {
      if (started) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(() => fail(`shipmate demo --web printed no URL within ${startTimeoutMs} ms`), startTimeoutMs);
    child.on('error', (error) => fail(`could not start shipmate demo --web: ${error.message}`));
    void exited.then((code) => fail(`shipmate demo --web exited (${code}) before printing its URL`));
    child.stdout.on('data', () => {
      const url = PLAYGROUND_LINE.exec(stdout)?.[1];
      if (!url || started) return;
      started = true;
      clearTimeout(timer);
      resolve({ url, output, stop: () => stop(child, exited) });
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  return exited;
}
