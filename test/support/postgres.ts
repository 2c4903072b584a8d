import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary directory,
 * pg_ctl start on a free 127.0.0.1 port, trust authentication, no fsync.
 * Nothing depends on a system service; stop() removes every trace.
 */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/<database> */
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Connections currently open to `database`, as the server sees them. */
  connectionsTo(database: string): Promise<number>;
  stop(): void;
}

const MISSING_BINARIES = 'PostgreSQL server binaries not found: apt-get install postgresql (or run scripts/ci-install-postgres.sh)';
const SUPERUSER = 'postgres';

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findServerBinaries();
  const runAs = process.getuid?.() === 0 ? postgresOsUser() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'shipmate-pg-'));
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  const run = (tool: string, args: string[]) => {
    const command = join(bin, tool);
    const [file, argv] = runAs ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: 'pipe' });
  };

  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone: removing the directory is all that is left
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A safety net for a test run that ends without calling stop(): no postmaster outlives it.
  process.once('exit', stop);

  try {
    run('initdb', ['-D', dataDir, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dataDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', serverOptions, '-w', '-t', '20', 'start']);
    started = true;
    const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
    const admin = <T>(work: (client: pg.Client) => Promise<T>) => withClient(url('postgres'), work);
    return {
      url,
      async createDatabase(name) {
        await admin((client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
        return url(name);
      },
      async connectionsTo(database) {
        const result = await admin((client) =>
          client.query<{ count: string }>('SELECT count(*) AS count FROM pg_stat_activity WHERE datname = $1', [database]),
        );
        return Number(result.rows[0]?.count ?? 0);
      },
      stop() {
        process.removeListener('exit', stop);
        stop();
      },
    };
  } catch (error) {
    stop();
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not start a test PostgreSQL in ${dataDir}: ${why}`);
  }
}

/** `pg_config --bindir` when it has the server, else the newest /usr/lib/postgresql/<major>/bin. */
function findServerBinaries(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on the PATH: fall back to Debian's layout
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((major) => join(root, major, 'bin')));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(MISSING_BINARIES);
  return found;
}

/** PostgreSQL refuses to run as root; the Debian package creates the `postgres` user. */
function postgresOsUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`running as root and there is no "postgres" OS user to run the server as. ${MISSING_BINARIES}`);
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
