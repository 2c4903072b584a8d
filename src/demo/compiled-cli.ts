import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { writeTranscript } from '../sandbox/transcript.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** From spawning to the first byte on stdout (undefined if none), and to the process's exit. */
  firstStdoutMs?: number;
  elapsedMs: number;
}

/** Runs dist/src/cli.js as production does, in a child process with the given environment. */
export function runCompiledCli(args: readonly string[], env: Record<string, string>, inherit = false): Promise<CliRun> {
  const cli = join(packageRoot(), 'dist', 'src', 'cli.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    const started = performance.now();
    let firstStdoutMs: number | undefined;
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => {
      firstStdoutMs ??= Math.round(performance.now() - started);
      stdout += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      writeTranscript('cli-output', stdout + stderr);
      const elapsedMs = Math.round(performance.now() - started);
      resolve({ code: code ?? -1, stdout, stderr, elapsedMs, ...(firstStdoutMs !== undefined ? { firstStdoutMs } : {}) });
    });
  });
}
