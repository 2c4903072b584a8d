import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run-cli.js';
import { fakePorts } from '../../support/fake-ports.js';

const ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443', SHIPMATE_CONFIG: 'examples/sandbox.shipmate.yml' };

async function cli(argv: string[], tty: Partial<Pick<CliIo, 'isTty' | 'stderrIsTty' | 'columns'>> = {}, env: NodeJS.ProcessEnv = ENV) {
  let stdout = '';
  const stderr: string[] = [];
  const code = await runCli({
    argv,
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => stderr.push(t),
    isTty: false,
    ...tty,
    portsFor: () => fakePorts(),
    version: '9.9.9',
    startBot: async () => undefined,
  });
  return { code, stdout, stderr };
}

describe('shipmate readiness in a terminal', () => {
  it('shows checks done/total on a terminal stderr and erases it before the report', async () => {
    // when
    const { stdout, stderr } = await cli(['readiness', '--json'], { stderrIsTty: true });
    // then: one update per check, counting up to the total, then the line cleared
    const total = JSON.parse(stdout).checks.length;
    const updates = stderr.filter((t) => t.includes('checks '));
    expect(updates).toHaveLength(total);
    expect(updates[0]).toBe(`\r\x1b[2Kchecks 1/${total}`);
    expect(updates.at(-1)).toBe(`\r\x1b[2Kchecks ${total}/${total}`);
    expect(stderr.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes no progress when stderr is not a terminal', async () => {
    const { stderr } = await cli(['readiness'], { stderrIsTty: false });
    expect(stderr).toEqual([]);
  });

  it('--verbose lists skipped checks; without it they are a count', async () => {
    const quiet = await cli(['readiness']);
    const verbose = await cli(['readiness', '--verbose']);
    expect(quiet.stdout).not.toMatch(/^SKIP /m);
    expect(verbose.stdout).toMatch(/^SKIP /m);
  });

  it('wraps at the terminal width, and colours only a terminal without NO_COLOR', async () => {
    const narrow = await cli(['readiness'], { columns: 50 });
    expect(Math.max(...narrow.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(50);
    expect((await cli(['readiness'], { isTty: true })).stdout).toMatch(/\x1b\[/);
    expect((await cli(['readiness'], { isTty: true }, { ...ENV, NO_COLOR: '1' })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli(['readiness', '--no-color'], { isTty: true })).stdout).not.toMatch(/\x1b\[/);
  });
});
