import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.js';
import { readinessCommand } from '../../commands/readiness.js';
import { readinessFor } from '../app/readiness-for.js';
import { resolveEnvironment } from '../app/resolve-environment.js';
import { checkConfigFile } from '../config/check-config-file.js';
import { ConfigError } from '../config/config-error.js';
import { configJsonSchema } from '../config/config-json-schema.js';
import { configPath, loadConfig } from '../config/load-config.js';
import { redact, secretValues } from '../config/redact.js';
import type { ShipmateConfig } from '../config/schema.js';
import type { ReadinessPorts } from '../domain/readiness/readiness-ports.js';
import { isReadinessFormat, READINESS_FORMATS, renderReadiness, type ReadinessFormat } from '../render/readiness-formats.js';
import { UsageError } from '../usage-error.js';
import { parseCommandArgs } from './parse-command-args.js';
import { progressLine } from './progress-line.js';
import { readinessExitCode } from './readiness-exit-code.js';

export interface CliIo {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTty: boolean;
  /** Progress (checks done/total) goes to stderr only when it is a terminal. */
  stderrIsTty?: boolean;
  /** The terminal's width; the terminal report wraps at 80 when unknown. */
  columns?: number;
  /** The real adapters in production (loaded before the checks run); tests may pass in-memory ones. */
  portsFor: (config: ShipmateConfig, environment: string) => ReadinessPorts | Promise<ReadinessPorts>;
  /** Starts the Slack bot; resolves once it is connected or listening. */
  startBot: (config: ShipmateConfig, env: NodeJS.ProcessEnv) => Promise<unknown>;
  version: string;
}

/** Exit codes of SPEC §3: 0 ready or warnings, 1 a check fails, 2 usage or configuration error, 3 checks could not run. */
export async function runCli(io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr(redact(text, secretValues(io.env)));
  try {
    const [subcommand, ...rest] = io.argv;
    switch (subcommand) {
      case 'readiness':
        return await readinessSubcommand(rest, io);
      case 'start':
        return await startSubcommand(rest, io);
      case 'config':
        return configSubcommand(rest, io, say);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(helpText());
        return 0;
      case '--version':
      case 'version':
        io.stdout(`shipmate ${io.version}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${subcommand}"; run "shipmate help"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      say(error.message.split('\n').map((line) => `shipmate: ${line}`).join('\n') + '\n');
      return 2;
    }
    const detail = io.env.SHIPMATE_DEBUG ? String((error as Error).stack) : firstLine(error);
    say(`shipmate: unexpected failure: ${detail}\n`);
    return 2;
  }
}

async function readinessSubcommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, {
    env: { type: 'string' },
    version: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
    'allow-errors': { type: 'boolean' },
    strict: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
  const format = formatOf(values.format as string | undefined, values.json === true);
  const args = withUsage(readinessCommand, () =>
    parseCommandArgs(readinessCommand, positionals, { env: values.env as string, version: values.version as string }),
  );
  const config = loadConfig(configPath(values.config as string | undefined, io.env), io.env);
  if (values.strict) io.stderr('shipmate: --strict is deprecated and does nothing: a check that could not run exits 3 (see --allow-errors)\n');
  const ports = await io.portsFor(config, resolveEnvironment(config, args.env));
  const progress = io.stderrIsTty ? progressLine(io.stderr) : undefined;
  const report = await readinessFor(args, { config, portsFor: () => ports, ...(progress ? { onCheckDone: progress.update } : {}) });
  progress?.clear();
  const color = format === 'terminal' && io.isTty && !values['no-color'] && !io.env.NO_COLOR;
  const style = { color, width: io.columns || 80, verbose: values.verbose === true };
  io.stdout(redact(renderReadiness(report, format, style), secretValues(io.env)));
  return readinessExitCode(report.checks, { allowErrors: values['allow-errors'] === true });
}

function formatOf(format: string | undefined, json: boolean): ReadinessFormat {
  if (format === undefined) return json ? 'json' : 'terminal';
  if (!isReadinessFormat(format)) throw new UsageError(`--format "${format}": use one of ${READINESS_FORMATS.join(', ')}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; give one of them`);
  return format;
}

async function startSubcommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, { config: { type: 'string' } });
  const config = loadConfig(configPath(values.config as string | undefined, io.env), io.env);
  await io.startBot(config, io.env);
  return 0;
}

const CONFIG_USAGE = 'shipmate config validate [--config PATH] | shipmate config schema';

function configSubcommand(argv: readonly string[], io: CliIo, say: (text: string) => void): number {
  const { values, positionals } = parseCliArgs(argv, { config: { type: 'string' } });
  const [action, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`too many arguments: "${extra.join(' ')}"; usage: ${CONFIG_USAGE}`);
  if (action === 'schema') {
    if (values.config !== undefined) throw new UsageError(`config schema takes no --config; usage: ${CONFIG_USAGE}`);
    io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (action !== 'validate') throw new UsageError(`config needs "validate" or "schema"; usage: ${CONFIG_USAGE}`);
  const path = configPath(values.config as string | undefined, io.env);
  for (const warning of checkConfigFile(path, io.env)) say(`shipmate: warning: ${warning}\n`);
  io.stdout(`${path}: valid\n`);
  return 0;
}

function withUsage<T>(command: { name: string; usage: string }, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}; usage: shipmate ${command.name} ${command.usage}`);
    throw error;
  }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parseCliArgs(argv: readonly string[], options: OptionSpec) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${firstLine(error).replace(/^TypeError \[\w+\]: /, '')}; run "shipmate help"`);
  }
}

function helpText(): string {
  const lines = [
    'shipmate — check a release and ship it from Slack',
    '',
    'Command line:',
    `  shipmate ${readinessCommand.name} [--env E] [--version V] [--config PATH] [--format F | --json] [--allow-errors] [--verbose]`,
    `      ${readinessCommand.summary}`,
    '  shipmate start [--config PATH]',
    '      Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP mode with SLACK_SIGNING_SECRET)',
    '  shipmate config validate [--config PATH]',
    '      Check the config file (keys, types, cross-references, cron, time zones) without credentials',
    '  shipmate config schema',
    '      Print the config file\'s JSON Schema (for editors: shipmate config schema > shipmate.schema.json)',
    '  shipmate help | --version',
    '',
    'In Slack:',
    ...commands.flatMap((c) => [`  /${c.name} ${c.usage}`, `      ${c.summary}`]),
    '',
    'Options for readiness:',
    '  --env E          environment (default: defaultEnvironment of the config)',
    '  --version V      version under review (default: what each service runs)',
    '  --config PATH    config file (default: $SHIPMATE_CONFIG, then ./shipmate.yml)',
    `  --format F       ${READINESS_FORMATS.join(' | ')} (default terminal)`,
    '  --json           the same as --format json: one JSON object',
    '  --allow-errors   exit 0 instead of 3 when checks could not run and none failed',
    '  --verbose        terminal format: list passing and skipped checks too',
    '  --no-color       no colour (NO_COLOR=1 does the same)',
    '',
    'Exit codes: 0 ready or warnings only, 1 a check fails, 2 usage or configuration error,',
    '            3 checks could not run (no credentials, unreachable, timeout) and none failed.',
    '',
  ];
  return lines.join('\n');
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? '';
}
