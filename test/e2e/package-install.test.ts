import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';

/**
 * The package as a stranger gets it: `npm pack` (whose prepack builds dist/ afresh) in a copy of
 * the checkout, the tarball installed into an empty prefix, and `shipmate` run from another folder.
 */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function succeed(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return result;
}

/** What the checkout holds beyond the package's build inputs: not copied. */
/** Top-level entries npm pack never reads: installed or built output, git, local state, other runs' folders. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', 'data', 'test', '.ci', '.node24', 'reports', '.stryker-tmp']);

/**
 * better-sqlite3's binary for this Node, as a prebuild-install "local prebuild": the one `npm ci` compiled
 * here (same version, Node ABI, platform). Installing the tarball then unpacks it instead of compiling
 * again (about 75 s); its install script still runs.
 */
async function localPrebuild(dir: string): Promise<NodeJS.ProcessEnv> {
  const module = join(packageRoot(), 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(module, 'package.json'), 'utf8')) as { version: string };
  const glibc = (process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime;
  const libc = process.platform === 'linux' && !glibc ? 'musl' : '';
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`;
  mkdirSync(dir);
  await succeed('tar', ['-czf', join(dir, name), '-C', module, 'build/Release/better_sqlite3.node'], { cwd: dir });
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

let work: string;
let tarballFiles: string[];
let installed: string;
let elsewhere: string;
let shipmateEnv: NodeJS.ProcessEnv;
const shipmate = (...args: string[]) => run('shipmate', args, { cwd: elsewhere, env: shipmateEnv });

beforeAll(async () => {
  // given: a copy of the checkout (sources, scenarios, examples, package.json) sharing its node_modules for the build
  const root = packageRoot();
  work = realpathSync(mkdtempSync(join(tmpdir(), 'shipmate-package-')));
  const source = join(work, 'source');
  cpSync(root, source, { recursive: true, filter: (path) => path === root || !NOT_COPIED.has(path.slice(root.length + 1)) });
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'));

  // when: packed by npm (prepack: a clean build), installed into an empty prefix
  mkdirSync(join(work, 'out'));
  const pack = await succeed('npm', ['pack', '--json', '--pack-destination', join(work, 'out')], { cwd: source });
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarballFiles = packed!.files.map((file) => file.path);
  const tarball = join(work, 'out', packed!.filename);
  const prefix = join(work, 'prefix');
  const env = { ...process.env, ...(await localPrebuild(join(work, 'prebuilds'))) };
  await succeed('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, env });

  installed = join(prefix, 'lib', 'node_modules', 'shipmate');
  elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  const { SHIPMATE_CONFIG: _config, NO_COLOR: _noColor, ...rest } = process.env;
  shipmateEnv = { ...rest, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
}, 300_000);

// The installed prefix is about 150 MB of small files: give its removal room on a busy machine.
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('npm pack', () => {
  it('ships the compiled program, the sandbox the demo needs, scenarios and examples, and nothing else', () => {
    expect(tarballFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'manifest.yml',
        'dist/src/cli.js',
        'dist/src/sandbox/sandbox-server.js',
        'dist/src/sandbox/self-signed-certificate.js',
        'dist/src/demo/run-demo.js',
        'dist/commands/index.js',
        'scenarios/healthy.yml',
        'examples/shipmate.yml',
        'examples/sandbox.shipmate.yml',
      ]),
    );
    expect(tarballFiles.filter((path) => /\.(pem|key|crt|map|ts)$/.test(path))).toEqual([]);
    expect(tarballFiles.filter((path) => /^(dist\/)?(test|bench|scripts|src)\//.test(path) && !path.startsWith('dist/src/'))).toEqual([]);
    expect(tarballFiles.filter((path) => !/^(dist\/src|dist\/commands|scenarios|examples)\//.test(path)).sort()).toEqual(
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'manifest.yml', 'package.json'],
    );
  });
});

describe('the installed package, from another folder', () => {
  it('puts an executable shipmate on the PATH', () => {
    expect(existsSync(join(elsewhere, '..', 'prefix', 'bin', 'shipmate'))).toBe(true);
    expect(statSync(join(installed, 'dist', 'src', 'cli.js')).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(installed, 'dist', 'src', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('shipmate --help lists the command line and Slack', async () => {
    const help = await shipmate('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('  shipmate readiness [--env E] [--version V] [--config PATH]');
    expect(help.stdout).toContain('  shipmate demo [--no-color]');
    expect(help.stdout).toContain('  /deploy <service> <version> [env] [--override]');
  });

  it('shipmate readiness --help shows its usage line and options', async () => {
    const help = await shipmate('readiness', '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout.split('\n')[0]).toBe('Usage: shipmate readiness [--env E] [--version V] [--config PATH] [--format F] [--json] [--allow-errors] [--verbose] [--no-color]');
    expect(help.stdout).toContain('--allow-errors');
  });

  it('shipmate config validate accepts the installed example; config schema, completion and start --help answer', async () => {
    const example = join(installed, 'examples', 'shipmate.yml');
    const validate = await shipmate('config', 'validate', '--config', example);
    expect(validate).toMatchObject({ code: 0, stdout: `${example}: valid\n` });
    expect(JSON.parse((await shipmate('config', 'schema')).stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((await shipmate('completion', 'bash')).stdout).toContain('complete -F _shipmate shipmate\n');
    expect((await shipmate('start', '--help')).stdout.split('\n')[0]).toBe('Usage: shipmate start [--config PATH]');
    expect(await shipmate('--version')).toMatchObject({ code: 0, stdout: `shipmate ${JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version}\n` });
  });

  it('shipmate demo --no-color tells its story to the end: readiness, an upgrade, a crash loop rolled back', async () => {
    const demo = await shipmate('demo', '--no-color');
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    const story = demo.stdout.replace(/\s+/g, ' ');
    expect(demo.stdout).toContain('$ shipmate readiness --env staging\n');
    expect(story).toContain('backend in staging went from 1.1.0 to 1.2.0.');
    expect(story).toContain('Before 1.3.0, staging ran backend 1.2.0; it runs 1.2.0 now.');
    expect(demo.stdout).not.toMatch(/\x1b\[/);
    expect(existsSync(join(installed, 'src'))).toBe(false);
  }, 120_000);

  it('a reader that stops early ends shipmate quietly', async () => {
    const piped = await run('sh', ['-c', 'shipmate help | head -n 1'], { cwd: elsewhere, env: shipmateEnv });
    expect(piped).toEqual({ code: 0, stdout: 'shipmate — check a release and ship it from Slack\n', stderr: '' });
  });
});
