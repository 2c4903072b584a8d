import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run-cli.js';
import { fakePorts } from '../../support/fake-ports.js';

const ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443', SHIPMATE_CONFIG: 'examples/sandbox.shipmate.yml' };

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    argv,
    env: ENV,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
    portsFor: () => fakePorts(),
    version: '9.9.9',
    startBot: async () => undefined,
  };
  const code = await runCli(io);
  return { code, stdout, stderr };
}

describe('shipmate --help and each command\'s --help', () => {
  it.each([
    [['readiness', '--help'], 'Usage: shipmate readiness [--env E] [--version V] [--config PATH] [--format F] [--json] [--allow-errors] [--verbose] [--no-color]\n'],
    [['help', 'readiness'], 'Usage: shipmate readiness [--env E]'],
    [['start', '--help'], 'Usage: shipmate start [--config PATH]\n'],
    [['release', 'plan', '--help'], 'Usage: shipmate release plan [--env E] [--from S] [--override] [--config PATH] [--format F] [--no-color] <version>\n'],
    [['config', 'validate', '--help'], 'Usage: shipmate config validate [--config PATH]\n'],
    [['config', 'schema', '--help'], 'Usage: shipmate config schema'],
    [['config', '--help'], 'Usage: shipmate config validate [--config PATH] | schema\n'],
    [['completion', '-h'], 'Usage: shipmate completion <bash|zsh>\n'],
    [['demo', '--help'], 'Usage: shipmate demo [--no-color] [--web] [--port P] [--scenario S]\n'],
  ])('%j prints the command\'s usage line and options on stdout, exit 0', async (argv, usage) => {
    // when
    const { code, stdout, stderr } = await cli(argv);
    // then
    expect(code).toBe(0);
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stdout).toContain('-h, --help');
    expect(stderr).toBe('');
  });

  it('readiness --help lists every option with what it does, and the exit codes', async () => {
    const { stdout } = await cli(['readiness', '--help']);
    for (const option of ['--env <E>', '--version <V>', '--config <PATH>', '--format <F>', '--json', '--allow-errors', '--verbose', '--no-color']) {
      expect(stdout).toMatch(new RegExp(`^  ${option.replace(/[<>]/g, '.')} +\\S`, 'm'));
    }
    expect(stdout.replace(/\s+/g, ' ')).toContain('(choices: "terminal", "json", "junit", "markdown")');
    expect(stdout).toContain('3 checks could not run');
    expect(stdout).not.toContain('--strict');
  });

  it('the program help shows the command line in CLI form and Slack in its own, each command once', async () => {
    // when
    const { code, stdout } = await cli([]);
    // then
    expect(code).toBe(0);
    const cliLines = stdout.split('\n').filter((line) => line.startsWith('  shipmate '));
    expect(cliLines).toEqual([
      '  shipmate readiness [--env E] [--version V] [--config PATH] [--format F] [--json] [--allow-errors] [--verbose] [--no-color]',
      '  shipmate release plan [--env E] [--from S] [--override] [--config PATH] [--format F] [--no-color] <version>',
      '  shipmate start [--config PATH]',
      '  shipmate config validate [--config PATH]',
      '  shipmate config schema',
      '  shipmate completion <bash|zsh>',
      '  shipmate demo [--no-color] [--web] [--port P] [--scenario S]',
      '  shipmate help [command]',
      '  shipmate -V, --version',
    ]);
    expect(stdout).toContain('\n  /readiness [env] [version]\n');
    expect(stdout).toContain('\n  /deploy <service> <version> [env] [--override]\n');
    expect((await cli(['help'])).stdout).toBe(stdout);
  });

  it.each([['-V'], ['--version'], ['version']])('%s prints the version', async (flag) => {
    expect(await cli([flag])).toEqual({ code: 0, stdout: 'shipmate 9.9.9\n', stderr: '' });
  });
});

describe('usage errors: one line on stderr with a suggestion, exit 2', () => {
  it.each([
    [['rediness'], 'shipmate: unknown command "rediness" (did you mean readiness?); run "shipmate help"\n'],
    [['confg', 'validate'], 'shipmate: unknown command "confg" (did you mean config?); run "shipmate help"\n'],
    [['deploy'], 'shipmate: unknown command "deploy"; run "shipmate help"\n'],
    [['readiness', '--verbos'], 'shipmate: Unknown option \'--verbos\' (did you mean --verbose?); run "shipmate readiness --help"\n'],
    [['readiness', '--formt', 'json'], 'shipmate: Unknown option \'--formt\' (did you mean --format?); run "shipmate readiness --help"\n'],
    [['config', 'validate', '--confg', 'x.yml'], 'shipmate: Unknown option \'--confg\' (did you mean --config?); run "shipmate config validate --help"\n'],
    [['--verison'], 'shipmate: Unknown option \'--verison\' (did you mean --version?); run "shipmate help"\n'],
    [['readiness', '--env'], 'shipmate: option \'--env <E>\' argument missing; run "shipmate readiness --help"\n'],
    [['completion'], 'shipmate: missing required argument \'shell\'; run "shipmate completion --help"\n'],
    [['completion', 'fish'], 'shipmate: command-argument value \'fish\' is invalid for argument \'shell\'. Allowed choices are bash, zsh; run "shipmate completion --help"\n'],
    [['readiness', 'staging', '1.0.0', 'extra'], 'shipmate: too many arguments: "extra"; usage: shipmate readiness [--env E] [--version V] [--config PATH] [--format F] [--json] [--allow-errors] [--verbose] [--no-color]\n'],
  ])('%j', async (argv, message) => {
    // when
    const { code, stdout, stderr } = await cli(argv);
    // then
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('never shows a usage line in Slack\'s positional form', async () => {
    const { stderr } = await cli(['readiness', 'staging', '1.0.0', 'extra']);
    expect(stderr).not.toContain('[env] [version]');
  });
});
