import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitUntil } from './wait-until.js';

/**
 * A throwaway Prometheus for tests: Debian's `prometheus` binary on a free
 * 127.0.0.1 port, a temporary config and TSDB, scraping the given targets every
 * second. The package's own system service plays no part; stop() removes
 * every trace.
 */
export interface TestPrometheus {
  /** http://127.0.0.1:PORT, the API's base URL. */
  url: string;
  stop(): Promise<void>;
}

/** job name → the URL of a /metrics endpoint on 127.0.0.1. */
export type ScrapeTargets = Record<string, string>;

const MISSING_BINARY = 'prometheus not found: apt-get install prometheus (or run scripts/ci-install-prometheus.sh)';
const READY_TIMEOUT_MS = 60_000;

export async function startPrometheus(targets: ScrapeTargets): Promise<TestPrometheus> {
  const binary = findBinary();
  const dir = mkdtempSync(join(tmpdir(), 'shipmate-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  const logFile = join(dir, 'prometheus.log');
  writeFileSync(configFile, scrapeConfig(targets));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  const server = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', openSync(logFile, 'a')] },
  );
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  // A safety net for a test run that ends without calling stop(): no Prometheus outlives it.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await terminate(server, () => exited);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntil(
      async () => {
        if (exited) throw new Error(`prometheus exited: ${lastLines(logFile)}`);
        return isReady(url);
      },
      READY_TIMEOUT_MS,
      `prometheus to be ready on ${url}`,
    );
    return { url, stop };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    await stop();
    throw new Error(`could not start a test Prometheus: ${why}`);
  }
}

function scrapeConfig(targets: ScrapeTargets): string {
  const jobs = Object.entries(targets).map(([job, target]) => {
    const { host, pathname } = new URL(target);
    return [`  - job_name: ${JSON.stringify(job)}`, `    metrics_path: ${JSON.stringify(pathname)}`, '    static_configs:', `      - targets: [${JSON.stringify(host)}]`].join('\n');
  });
  return ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', '  evaluation_interval: 1s', 'scrape_configs:', ...jobs, ''].join('\n');
}

/** PROMETHEUS_BIN when set, else `prometheus` on the PATH (Debian installs /usr/bin/prometheus). */
function findBinary(): string {
  const candidate = process.env.PROMETHEUS_BIN ?? 'prometheus';
  try {
    execFileSync(candidate, ['--version'], { stdio: 'ignore' });
    return candidate;
  } catch {
    throw new Error(MISSING_BINARY);
  }
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function terminate(server: ChildProcess, exited: () => boolean): Promise<void> {
  if (exited()) return;
  server.kill('SIGTERM');
  try {
    await waitUntil(exited, 15_000, 'prometheus to stop');
  } catch {
    server.kill('SIGKILL');
    await waitUntil(exited, 5_000, 'prometheus to die');
  }
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-5).join(' | ') || '(nothing logged)';
  } catch {
    return '(no log)';
  }
}
