import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run-cli.js';
import type { ReadinessPorts } from '../../../src/domain/readiness/readiness-ports.js';
import { fakePorts } from '../../support/fake-ports.js';

const ENV = { SHIPMATE_SANDBOX_HTTPS: 'https://127.0.0.1:8443', SHIPMATE_CONFIG: 'examples/sandbox.shipmate.yml' };

async function cli(argv: string[], options: { portsFor?: () => ReadinessPorts; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  let portsBuilt = 0;
  const io: CliIo = {
    argv,
    env: options.env ?? ENV,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: false,
    portsFor: () => {
      portsBuilt++;
      return (options.portsFor ?? fakePorts)();
    },
    version: '9.9.9',
    startBot: async () => undefined,
  };
  const code = await runCli(io);
  return { code, stdout, stderr, portsBuilt };
}

describe('shipmate readiness: bad input', () => {
  it.each([
    [['readiness', '--env', 'qa'], 'shipmate: unknown environment "qa" (known: staging, production)\n'],
    [['readiness', '--version', '1.0/../x'], 'shipmate: version: "1.0/../x" is not a valid version'],
    [['readiness', '--env', 'Prod!'], 'shipmate: env: an environment is a lowercase name such as staging'],
    [['readiness', '--verbos'], "shipmate: Unknown option '--verbos'"],
    [['readiness', 'staging', '1.0.0', 'extra'], 'shipmate: too many arguments: "extra"'],
    [['deploy'], 'shipmate: unknown command "deploy"; run "shipmate help"\n'],
  ])('%j exits 2 with one line and builds no adapter', async (argv, message) => {
    // when
    const { code, stderr, stdout, portsBuilt } = await cli(argv);
    // then
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(portsBuilt).toBe(0);
  });

  it('exits 2 naming the bad key when the config is wrong', async () => {
    const { code, stderr } = await cli(['readiness'], { env: { SHIPMATE_CONFIG: 'examples/sandbox.shipmate.yml' } });
    expect(code).toBe(2);
    expect(stderr).toContain('services.backend.healthUrl: environment variable SHIPMATE_SANDBOX_HTTPS is not set');
  });

  it('never prints a secret from the environment, even inside a finding', async () => {
    // given: a port error whose message carries the token (as a careless upstream might)
    const token = 'xoxb-not-real-0000000000';
    const leaky = () =>
      fakePorts({ http: { get: async () => ({ latencyMs: 1, error: `refused for ${token}` }) } });
    // when
    const { stdout } = await cli(['readiness', '--json'], { portsFor: leaky, env: { ...ENV, SLACK_BOT_TOKEN: token } });
    // then
    expect(stdout).not.toContain(token);
    expect(stdout).toContain('[redacted]');
  });
});

describe('shipmate readiness: output', () => {
  it('prints the JSON shape of SPEC §3 and exits 3 when checks could not run and none failed', async () => {
    // given: every port answers with an error, so every check is error or skip, none fail
    const { code, stdout } = await cli(['readiness', '--json', '--env', 'production', '--version', 'v1.1.0']);
    // then
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['environment', 'version', 'score', 'verdict', 'checks']);
    expect(json).toMatchObject({ environment: 'production', version: '1.1.0', verdict: 'at-risk' });
    expect(Object.keys(json.checks[0])).toEqual(['id', 'service', 'status', 'finding', 'fix']);
    expect(json.checks.some((c: { status: string }) => c.status === 'fail')).toBe(false);
    expect(json.checks.some((c: { status: string }) => c.status === 'error')).toBe(true);
    expect(code).toBe(3);
  });

  it('--allow-errors turns 3 into 0', async () => {
    const { code } = await cli(['readiness', '--allow-errors']);
    expect(code).toBe(0);
  });

  it('--strict is a deprecated no-op: one note on stderr, the same exit code', async () => {
    const { code, stderr } = await cli(['readiness', '--strict']);
    expect(code).toBe(3);
    expect(stderr).toBe('shipmate: --strict is deprecated and does nothing: a check that could not run exits 3 (see --allow-errors)\n');
  });

  it.each([
    [['--format', 'junit'], /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /],
    [['--format', 'markdown'], /^### shipmate readiness · staging · deployed versions\n/],
    [['--format', 'json'], /^\{\n {2}"environment": "staging"/],
    [['--json', '--format', 'json'], /^\{\n/],
    [['--format', 'terminal'], /^shipmate readiness · staging/],
  ])('%j prints that format', async (flags, start) => {
    const { stdout } = await cli(['readiness', ...flags]);
    expect(stdout).toMatch(start);
  });

  it.each([
    [['--format', 'xml'], 'shipmate: --format "xml": use one of terminal, json, junit, markdown'],
    [['--json', '--format', 'junit'], 'shipmate: --json and --format junit disagree; give one of them'],
  ])('%j exits 2 with one line and builds no adapter', async (flags, message) => {
    const { code, stderr, stdout, portsBuilt } = await cli(['readiness', ...flags]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\n`);
    expect(stdout).toBe('');
    expect(portsBuilt).toBe(0);
  });

  it('prints help and version', async () => {
    expect((await cli(['help'])).stdout).toContain('/readiness [env] [version]');
    expect((await cli(['help'])).stdout).toContain('shipmate readiness [--env E]');
    expect((await cli(['--version'])).stdout).toBe('shipmate 9.9.9\n');
  });
});
