import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../src/config/check-config-file.js';
import { ConfigError } from '../../../src/config/config-error.js';

/* `shipmate config validate` goes through the same schema: one cron dialect for both keys, reported per key. */

const dir = mkdtempSync(join(tmpdir(), 'shipmate-cron-config-'));
const REAL = readFileSync('examples/shipmate.yml', 'utf8');

function withSchedules(name: string, cron: string): string {
  const path = join(dir, name);
  const lines = [
    '    protected: true',
    `    freeze: [{ cron: "${cron}", timezone: America/New_York, reason: release freeze }]`,
    `    digest: { schedule: "${cron}", timezone: Europe/Berlin, channel: C0RELEASES }`,
  ];
  writeFileSync(path, REAL.replace('    protected: true', lines.join('\n')));
  return path;
}

function problemsOf(path: string): string[] {
  try {
    checkConfigFile(path, {});
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
}

describe('shipmate config validate and the cron dialect', () => {
  it('given MON-FRI, @daily and 1#2 in a freeze window and a digest, when validating, then the file passes', () => {
    for (const [i, cron] of ['* 9-17 * * MON-FRI', '@daily', '0 9 * * 1#2'].entries()) {
      expect(problemsOf(withSchedules(`good-${i}.yml`, cron)), cron).toEqual([]);
    }
  });

  it('given the same bad expression in a freeze window and a digest, when validating, then both keys are reported with the same reason', () => {
    const cases: [string, string][] = [
      ['0 9 1 * 1', 'restrict the day of month or the day of week, not both'],
      ['0 0 9 * * 1', 'has 6 fields'],
      ['0 9 * * Funday', 'day of week field "Funday" is not valid'],
      ['0 9 30 2 *', 'never fires'],
    ];
    for (const [i, [cron, reason]] of cases.entries()) {
      // given
      const path = withSchedules(`bad-${i}.yml`, cron);

      // when
      const problems = problemsOf(path);

      // then
      const freeze = `${path}: environments.production.freeze[0].cron: `;
      const digest = `${path}: environments.production.digest.schedule: `;
      expect(problems, cron).toHaveLength(2);
      expect(problems.find((p) => p.startsWith(freeze))?.slice(freeze.length), cron).toBe(problems.find((p) => p.startsWith(digest))?.slice(digest.length));
      expect(problems[0], cron).toContain(reason);
    }
  });
});
