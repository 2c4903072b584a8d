import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { packageRoot } from '../../src/package-root.js';

/** shipmate config validate / schema, compiled, with no credentials, no cluster and no variables of shipmate's own. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const NO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_PROFILE: '',
  KUBECONFIG: '/nonexistent/kubeconfig',
  SLACK_BOT_TOKEN: '',
  SHIPMATE_SANDBOX_HTTPS: '',
};
const examples = readdirSync(join(packageRoot(), 'examples'))
  .filter((file) => file.endsWith('.yml'))
  .map((file) => join(packageRoot(), 'examples', file));

describe('shipmate config validate, compiled', () => {
  it.each(examples)('exits 0 on the example %s', async (path) => {
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', path], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path}: valid\n`);
    expect(run.stderr.split('\n').filter(Boolean).every((line) => line.startsWith('shipmate: warning: '))).toBe(true);
  });

  it('exits 2 on a misspelled key and a bad cron, one line each naming the file and the key', async () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'shipmate-config-cli-'));
    const path = join(dir, 'shipmate.yml');
    const example = readFileSync(join(packageRoot(), 'examples', 'shipmate.yml'), 'utf8');
    writeFileSync(
      path,
      example
        .replace('    protected: true', '    protected: true\n    freeze: [{ cron: "0 9 * * Funday", reason: release freeze }]')
        .replace('scanSeverity: HIGH', 'scanSeverty: HIGH'),
    );
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', path], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContain(`shipmate: ${path}: checks.scanSeverty: unknown key (did you mean "scanSeverity"?)`);
    expect(lines.filter((line) => line.startsWith(`shipmate: ${path}: environments.production.freeze[0].cron: `))).toHaveLength(1);
  });

  it('exits 2 naming the file when there is no config', async () => {
    // given
    const dir = mkdtempSync(join(tmpdir(), 'shipmate-config-cli-'));
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', join(dir, 'missing.yml')], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`shipmate: ${join(dir, 'missing.yml')}: cannot read the config (no such file); pass --config PATH or set SHIPMATE_CONFIG\n`);
  });
});

describe('shipmate config schema, compiled', () => {
  it('prints a JSON Schema that ajv compiles and that accepts every example config', async () => {
    // when
    const run = await runCompiledCli(['config', 'schema'], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = new Ajv2020({ strict: true }).compile(schema);
    for (const path of examples) expect({ path, valid: validate(parse(readFileSync(path, 'utf8'))) }).toEqual({ path, valid: true });
  });

  it.each([
    [['config'], 'shipmate: config needs "validate" or "schema"; usage: shipmate config validate [--config PATH] | shipmate config schema\n'],
    [['config', 'lint'], 'shipmate: config needs "validate" or "schema"; usage: shipmate config validate [--config PATH] | shipmate config schema\n'],
    [['config', 'validate', 'extra'], 'shipmate: too many arguments: "extra"; usage: shipmate config validate [--config PATH] | shipmate config schema\n'],
  ])('%j exits 2 with one usage line', async (argv, message) => {
    // when
    const run = await runCompiledCli(argv, NO_CREDENTIALS);
    // then
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(message);
  });
});
