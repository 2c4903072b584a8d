import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../src/config/check-config-file.js';
import { ConfigError } from '../../../src/config/config-error.js';

const dir = mkdtempSync(join(tmpdir(), 'shipmate-check-config-'));
const REAL = readFileSync('examples/shipmate.yml', 'utf8');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(path: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    checkConfigFile(path, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('checkConfigFile (shipmate config validate)', () => {
  it('passes both example configs with no environment at all', () => {
    // given / when / then
    expect(checkConfigFile('examples/shipmate.yml', {})).toEqual([]);
    expect(checkConfigFile('examples/sandbox.shipmate.yml', {})).toHaveLength(11);
    expect(checkConfigFile('examples/sandbox.shipmate.yml', { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443' })).toEqual([]);
  });

  it('warns about an unset ${VAR}, naming the file and the key, instead of failing', () => {
    // given
    const path = file('unset.yml', REAL.replace('url: sqlite:./data/shipmate.db', 'url: ${DATABASE_URL}'));
    // when
    const warnings = checkConfigFile(path, {});
    // then
    expect(warnings).toEqual([`${path}: store.url: environment variable DATABASE_URL is not set`]);
  });

  it('reports every problem at once, one line each naming the file and the key', () => {
    // given: a misspelled key, a bad cron and an unknown time zone
    const path = file(
      'bad.yml',
      REAL.replace('    protected: true', '    protected: true\n    freeze: [{ cron: "0 25 * * *", timezone: Mars/Olympus }]').replace(
        'healthBudgetMs: 800',
        'healthBudgetMS: 800',
      ),
    );
    // when
    const problems = problemsOf(path);
    // then
    expect(problems).toHaveLength(3);
    expect(problems).toContain(`${path}: checks.healthBudgetMS: unknown key (did you mean "healthBudgetMs"?)`);
    expect(problems).toContain(`${path}: environments.production.freeze[0].timezone: must be an IANA time zone such as Europe/Berlin`);
    expect(problems.filter((p) => p.startsWith(`${path}: environments.production.freeze[0].cron: `))).toHaveLength(1);
  });

  it('checks cross-references and the store URL once the schema passes', () => {
    // given
    const dangling = file('dangling.yml', REAL.replace('    protected: true', '    protected: true\n    services: [backend, checkout]'));
    const mysql = file('mysql.yml', REAL.replace('url: sqlite:./data/shipmate.db', 'url: mysql://db/shipmate'));
    // when / then
    expect(problemsOf(dangling)).toEqual([`${dangling}: environments.production.services[1]: names no service (known: backend, frontend, ml)`]);
    expect(problemsOf(mysql)).toEqual([
      `${mysql}: store.url: unknown scheme "mysql:"; use sqlite:./data/shipmate.db, sqlite::memory: or postgres://user@host:5432/shipmate`,
    ]);
  });

  it('still reports a bad value next to an unset variable elsewhere', () => {
    // given
    const path = file('mixed.yml', REAL.replace('url: sqlite:./data/shipmate.db', 'url: ${DATABASE_URL}').replace('scanSeverity: HIGH', 'scanSeverity: SEVERE'));
    // when
    const problems = problemsOf(path);
    // then
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}: checks\\.scanSeverity: `));
  });
});
