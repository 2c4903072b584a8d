import type { Command, Option } from 'commander';
import { planRelease, releaseInput } from '../app/releases/plan-release.js';
import { releaseCard } from '../app/releases/release-card.js';
import { ConfigError } from '../config/config-error.js';
import { configPath, loadConfig } from '../config/load-config.js';
import { redact, secretValues } from '../config/redact.js';
import { policyFor } from '../domain/approvals/policy-for.js';
import { policyLine } from '../domain/approvals/policy-line.js';
import type { ReleasePlan } from '../domain/releases/release-payload.js';
import { parseVersion } from '../domain/version.js';
import { systemClock } from '../ports/clock.port.js';
import { isReleasePlanFormat, RELEASE_PLAN_FORMATS, renderReleasePlan, type ReleasePlanFormat } from '../render/release-plan-formats.js';
import { UsageError } from '../usage-error.js';
import type { CliIo } from './cli-io.js';
import { synopsis, usageLine } from './cli-usage.js';
import { withUsage } from './readiness-subcommand.js';
import { EXIT } from './readiness-exit-code.js';
import { lockReader } from './release-locks.js';

/** What commander parsed for `shipmate release plan` (--no-color gives color: false). */
export interface ReleasePlanOptions {
  env?: string;
  from?: string;
  override?: boolean;
  config?: string;
  format?: string;
  color: boolean;
}

const EXIT_CODES = [
  'Exit codes: 0 no blockers (the release can be approved), 1 a blocker, 2 usage or configuration error,',
  '            3 the plan could not be made (AWS or the cluster unreachable, no credentials).',
].join('\n');

/** `shipmate release plan`, under `shipmate release`; `configOption` is the CLI's --config. */
export function addReleaseCommand(program: Command, io: CliIo, finish: (code: number) => void, configOption: Option): void {
  const release = program.command('release').description("The environment's release runbook (stages in order, one approval)").allowExcessArguments(true);
  const formats = release.createOption('--format <F>', 'plan format (default terminal)');
  formats.argChoices = [...RELEASE_PLAN_FORMATS]; // shown in help and completion; formatOf() checks the value with its own message
  const plan = release
    .command('plan')
    .description('Print what /release <version> would do, read-only: stages, current → target images, preflight, locks, freeze; the exit code gates a CI job')
    .argument('<version>', 'the release version, e.g. 1.2.0 or v1.2.0')
    .option('--env <E>', 'environment (default: defaultEnvironment of the config)')
    .option('--from <S>', 'start at a stage: its number or its type, e.g. 3 or migrate')
    .option('--override', 'ask inside a freeze window (it then needs one more approval)')
    .addOption(configOption)
    .addOption(formats)
    .option('--no-color', 'no colour (NO_COLOR=1 does the same)')
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action(async (version: string, options: ReleasePlanOptions) => finish(await releasePlanSubcommand(version, options, usageLine(plan), io)));
  plan.usage(synopsis(plan));
  release.action(() => {
    throw new UsageError(`release needs "plan"; usage: ${usageLine(plan)}`);
  });
}

/** The plan on stdout; exit 0 without blockers, 1 with one, 3 when AWS or the cluster could not be asked (bad input throws: exit 2). */
export async function releasePlanSubcommand(versionWord: string, options: ReleasePlanOptions, usage: string, io: CliIo): Promise<number> {
  const format = formatOf(options.format);
  const version = withUsage(usage, () => {
    const parsed = parseVersion(versionWord);
    if (!parsed.ok) throw new UsageError(`version: ${parsed.reason}`);
    return parsed.version;
  });
  const config = loadConfig(configPath(options.config, io.env), io.env);
  const input = { ...(options.env ? { environment: options.env } : {}), version, ...(options.from ? { from: options.from } : {}), override: options.override === true };
  const { environment } = releaseInput(config, input);
  const ports = await io.portsFor(config, environment);
  const store = lockReader(config);
  let plan: ReleasePlan;
  try {
    plan = await planRelease(config, input, ports, { store, clock: systemClock });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) throw error;
    io.stderr(redact(`shipmate: could not make the plan: ${firstLine(error)}\n`, secretValues(io.env)));
    return EXIT.couldNotCheck;
  } finally {
    await store.close();
  }
  const card = releaseCard(plan, policyLine(policyFor(config.policy, 'release', environment), 'release', environment), config.environments[environment]?.protected ?? false);
  const color = format === 'terminal' && io.isTty && options.color && !io.env.NO_COLOR;
  io.stdout(redact(renderReleasePlan({ plan, card }, format, { color, width: io.columns || 80 }), secretValues(io.env)));
  return releasePlanExitCode(plan);
}

/**
 * 0 without blockers; 1 with one; 3 when every blocker is a preflight check
 * that could not run (each such check makes exactly one blocker): a gate
 * never passes on what it could not see, nor calls it a failure.
 */
export function releasePlanExitCode(plan: Pick<ReleasePlan, 'blockers' | 'preflight'>): number {
  const unseen = plan.preflight.filter((line) => line.status === 'error').length;
  if (plan.blockers.length > unseen) return EXIT.failed;
  return unseen > 0 ? EXIT.couldNotCheck : EXIT.ready;
}

function formatOf(format: string | undefined): ReleasePlanFormat {
  if (format === undefined) return 'terminal';
  if (!isReleasePlanFormat(format)) throw new UsageError(`--format "${format}": use one of ${RELEASE_PLAN_FORMATS.join(', ')}`);
  return format;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0] ?? '';
}
