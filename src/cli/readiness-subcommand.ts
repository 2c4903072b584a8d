import { readinessCommand } from '../../commands/readiness.js';
import { readinessFor } from '../app/readiness-for.js';
import { resolveEnvironment } from '../app/resolve-environment.js';
import { configPath, loadConfig } from '../config/load-config.js';
import { redact, secretValues } from '../config/redact.js';
import { isReadinessFormat, READINESS_FORMATS, renderReadiness, type ReadinessFormat } from '../render/readiness-formats.js';
import { UsageError } from '../usage-error.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './parse-command-args.js';
import { progressLine } from './progress-line.js';
import { readinessExitCode } from './readiness-exit-code.js';

/** What commander parsed for `shipmate readiness` (--no-color gives color: false). */
export interface ReadinessOptions {
  env?: string;
  version?: string;
  config?: string;
  format?: string;
  json?: boolean;
  allowErrors?: boolean;
  strict?: boolean;
  color: boolean;
  verbose?: boolean;
}

/**
 * `shipmate readiness`: the report on stdout and the exit code of SPEC §3. `positionals` are the
 * words after the command (`shipmate readiness staging 1.2.0`, still accepted; --env and --version
 * are the documented form), `usage` is the CLI's usage line for errors.
 */
export async function readinessSubcommand(options: ReadinessOptions, positionals: readonly string[], usage: string, io: CliIo): Promise<number> {
  const format = formatOf(options.format, options.json === true);
  const args = withUsage(usage, () => parseCommandArgs(readinessCommand, positionals, { env: options.env, version: options.version }));
  const config = loadConfig(configPath(options.config, io.env), io.env);
  if (options.strict) io.stderr('shipmate: --strict is deprecated and does nothing: a check that could not run exits 3 (see --allow-errors)\n');
  const ports = await io.portsFor(config, resolveEnvironment(config, args.env));
  const progress = io.stderrIsTty ? progressLine(io.stderr) : undefined;
  const report = await readinessFor(args, { config, portsFor: () => ports, ...(progress ? { onCheckDone: progress.update } : {}) });
  progress?.clear();
  const color = format === 'terminal' && io.isTty && options.color && !io.env.NO_COLOR;
  const style = { color, width: io.columns || 80, verbose: options.verbose === true };
  io.stdout(redact(renderReadiness(report, format, style), secretValues(io.env)));
  return readinessExitCode(report.checks, { allowErrors: options.allowErrors === true });
}

function formatOf(format: string | undefined, json: boolean): ReadinessFormat {
  if (format === undefined) return json ? 'json' : 'terminal';
  if (!isReadinessFormat(format)) throw new UsageError(`--format "${format}": use one of ${READINESS_FORMATS.join(', ')}`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} disagree; give one of them`);
  return format;
}

export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}; usage: ${usage}`);
    throw error;
  }
}
