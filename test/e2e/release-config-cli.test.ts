import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCompiledCli } from '../../scripts/run-compiled-cli.js';
import { packageRoot } from '../../src/package-root.js';

/** issue 15, "Bad input": a bad release in the config is one line naming the key, from the compiled CLI with no credentials. */
beforeAll(() => {
  if (!existsSync(join(packageRoot(), 'dist', 'src', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', KUBECONFIG: '/nonexistent/kubeconfig', SLACK_BOT_TOKEN: '' };
const EXAMPLE = readFileSync(join(packageRoot(), 'examples', 'shipmate.yml'), 'utf8');
const MIGRATE = '        - migrate: { service: backend, command: [alembic, upgrade, head], timeoutMinutes: 20 }\n';
const KEY = 'environments.staging.releases.stages';

function configWith(name: string, edit: (example: string) => string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'shipmate-release-config-')), name);
  const edited = edit(EXAMPLE);
  expect(edited).not.toBe(EXAMPLE);
  writeFileSync(path, edited);
  return path;
}

describe('shipmate config validate on a bad release, compiled', () => {
  it.each([
    ['an unknown stage type', (e: string) => e.replace('        - deploy: [frontend]\n', '        - deplyo: [frontend]\n'), `${KEY}[5]: unknown stage type "deplyo" (build, snapshot, migrate, deploy, verify)`],
    ['a migrate stage naming an unknown service', (e: string) => e.replace(MIGRATE, MIGRATE.replace('service: backend', 'service: payments')), `${KEY}[2].migrate.service: names no service of this environment (known: backend, frontend, ml)`],
    ['a release with no stages', (e: string) => e.replace(/ {6}stages:\n( {8}- .*\n)+/, '      stages: []\n'), `${KEY}: a release needs at least one stage`],
    ['a verify stage naming an unknown smoke test', (e: string) => e.replace('        - verify: [health]\n', '        - verify: [helth]\n'), `${KEY}[4].verify[0]: names no smoke test of this environment (known: health)`],
  ])('exits 2 on %s with one line naming the file and the key', async (_, edit, problem) => {
    // given
    const path = configWith('shipmate.yml', edit);
    // when
    const run = await runCompiledCli(['config', 'validate', '--config', path], NO_CREDENTIALS);
    // then
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`shipmate: ${path}: ${problem}\n`);
  });

  it('exits 0 on the example release, and 2 listing every problem of a release with several', async () => {
    // given
    const good = join(packageRoot(), 'examples', 'shipmate.yml');
    const bad = configWith('several.yml', (e) =>
      e.replace('rdsInstance: shop-staging', 'rdsInstance: shop-staging, rdsCluster: shop-aurora').replace('timeoutMinutes: 20', 'timeoutMinutes: 0'),
    );
    // when
    const [valid, invalid] = [await runCompiledCli(['config', 'validate', '--config', good], NO_CREDENTIALS), await runCompiledCli(['config', 'validate', '--config', bad], NO_CREDENTIALS)];
    // then
    expect(valid).toMatchObject({ code: 0, stdout: `${good}: valid\n` });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.trimEnd().split('\n')).toEqual([
      `shipmate: ${bad}: ${KEY}[1].snapshot: must name exactly one of rdsInstance (a DB instance) or rdsCluster (an Aurora cluster)`,
      `shipmate: ${bad}: ${KEY}[2].migrate.timeoutMinutes: must be at least 1 minute`,
    ]);
  });
});
