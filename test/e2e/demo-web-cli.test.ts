import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';

const CLI = join(packageRoot(), 'dist', 'src', 'cli.js');
const URL_LINE = /^shipmate playground: (http:\/\/127\.0\.0\.1:(\d+)\/)\n$/;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

describe('shipmate demo --web (the compiled program)', () => {
  it('prints exactly one line with its URL, serves the page there, and stops cleanly with exit code 0 on SIGTERM', async () => {
    // given
    const child = spawn(process.execPath, [CLI, 'demo', '--web', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 90 s:\n${stdout}\n${stderr}`)), 90_000);
        child.stdout.on('data', () => stdout.includes('\n') && (clearTimeout(timer), resolve()));
        void exited.then((code) => reject(new Error(`exited ${code} before its URL:\n${stdout}\n${stderr}`)));
      });

      // when
      const url = URL_LINE.exec(stdout)?.[1];
      const page = await fetch(url ?? 'http://127.0.0.1:1/');
      const html = await page.text();
      child.kill('SIGTERM');
      const code = await exited;

      // then
      expect(stdout).toMatch(URL_LINE);
      expect(Number(URL_LINE.exec(stdout)![2])).toBeGreaterThan(0);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain('<title>shipmate playground</title>');
      expect(code).toBe(0);
      expect(stdout).toMatch(URL_LINE);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it.each([
    [['--port', 'abc'], 'shipmate: --port must be a port number from 0 to 65535 (0: a free one), not "abc"\n'],
    [['--port', '70000'], 'shipmate: --port must be a port number from 0 to 65535 (0: a free one), not "70000"\n'],
    [['--port', '-1'], 'shipmate: --port must be a port number from 0 to 65535 (0: a free one), not "-1"\n'],
    [['--scenario', 'nope'], 'shipmate: --scenario must be one of healthy, broken, crash, frozen, not "nope"\n'],
  ])('refuses demo --web %j in one line with exit code 2, starting nothing', (args, line) => {
    // given / when
    const run = spawnSync(process.execPath, [CLI, 'demo', '--web', ...args], { encoding: 'utf8', timeout: 30_000 });

    // then
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(line);
    expect(run.stdout).toBe('');
  });

  it('refuses --port without --web', () => {
    // given / when
    const run = spawnSync(process.execPath, [CLI, 'demo', '--port', '8080'], { encoding: 'utf8', timeout: 30_000 });

    // then
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('shipmate: --port and --scenario go with --web\n');
  });
});
