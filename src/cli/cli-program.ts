import { Argument, Command, Help, Option } from 'commander';
import { commands } from '../../commands/index.js';
import { configPath, loadConfig } from '../config/load-config.js';
import { READINESS_FORMATS } from '../render/readiness-formats.js';
import { completionTree } from './completion/completion-tree.js';
import { completionScript, SHELLS, type Shell } from './completion/shell-completion.js';
import type { CliIo } from './cli-io.js';
import { usageLine, synopsis } from './cli-usage.js';
import { configSchemaSubcommand, refuseExtraArguments, validateConfigSubcommand } from './config-subcommand.js';
import { demoSubcommand, type DemoOptions } from './demo-subcommand.js';
import { readinessSubcommand, type ReadinessOptions } from './readiness-subcommand.js';
import { addReleaseCommand } from './release-subcommand.js';
import { UsageError } from '../usage-error.js';

const EXIT_CODES = [
  'Exit codes: 0 ready or warnings only, 1 a check fails, 2 usage or configuration error,',
  '            3 checks could not run (no credentials, unreachable, timeout) and none failed.',
].join('\n');

const CONFIG_OPTION = ['--config <PATH>', 'config file (default: $SHIPMATE_CONFIG, then ./shipmate.yml)'] as const;

/**
 * The `shipmate` command line as a commander program: each action hands its exit code to
 * `finish`. Usage lines come from each command's own options (cli-usage.ts), so help, errors
 * and shell completion all follow the parser.
 */
export function cliProgram(io: CliIo, finish: (code: number) => void, warn: (text: string) => void): Command {
  const program = new Command('shipmate')
    .description('check a release and ship it from Slack')
    .version(`shipmate ${io.version}`, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for the command')
    .helpCommand('help [command]', 'show help for shipmate or one of its commands')
    .enablePositionalOptions()
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: () => undefined,
      getOutHelpWidth: () => io.columns || 80,
      getErrHelpWidth: () => io.columns || 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  program.configureHelp({
    formatHelp: (command, helper) => (command.parent ? Help.prototype.formatHelp.call(helper, command, helper) : programHelp(command, helper)),
  });

  const formats = new Option('--format <F>', 'report format (default terminal)');
  formats.argChoices = [...READINESS_FORMATS]; // shown in help and completion; formatOf() checks the value with its own message
  program
    .command('readiness')
    .description('Run every read-only check for an environment and print the report; the exit code gates a CI job')
    .option('--env <E>', 'environment (default: defaultEnvironment of the config)')
    .option('--version <V>', 'version under review (default: what each service runs)')
    .option(...CONFIG_OPTION)
    .addOption(formats)
    .option('--json', 'the same as --format json: one JSON object')
    .option('--allow-errors', 'exit 0 instead of 3 when checks could not run and none failed')
    .option('--verbose', 'terminal format: list passing and skipped checks too')
    .option('--no-color', 'no colour (NO_COLOR=1 does the same)')
    .addOption(new Option('--strict', 'deprecated, does nothing').hideHelp())
    .allowExcessArguments(true)
    .addHelpText('after', `\n${EXIT_CODES}`)
    .action(async (options: ReadinessOptions, command: Command) => finish(await readinessSubcommand(options, command.args, usageLine(command), io)));

  addReleaseCommand(program, io, finish, new Option(...CONFIG_OPTION));

  program
    .command('start')
    .description('Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP mode with SLACK_SIGNING_SECRET)')
    .option(...CONFIG_OPTION)
    .action(async (options: { config?: string }) => {
      await io.startBot(loadConfig(configPath(options.config, io.env), io.env), io.env);
      finish(0);
    });

  const config = program.command('config').description('Check the config file, or print its JSON Schema').allowExcessArguments(true);
  const validate = config
    .command('validate')
    .description('Check the config file (keys, types, cross-references, cron, time zones) without credentials')
    .option(...CONFIG_OPTION)
    .action((options: { config?: string }, command: Command) => {
      refuseExtraArguments(command.args, configUsage());
      finish(validateConfigSubcommand(options, io, warn));
    });
  const schema = config
    .command('schema')
    .description("Print the config file's JSON Schema (for editors: shipmate config schema > shipmate.schema.json)")
    .action((_options: unknown, command: Command) => {
      refuseExtraArguments(command.args, configUsage());
      finish(configSchemaSubcommand(io));
    });
  const configUsage = () => `${usageLine(validate)} | ${usageLine(schema)}`;
  config.action(() => {
    throw new UsageError(`config needs "validate" or "schema"; usage: ${configUsage()}`);
  });

  program
    .command('completion')
    .description('Print a shell completion script: source <(shipmate completion bash)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(Object.keys(SHELLS)))
    .action((shell: Shell) => {
      io.stdout(completionScript(shell, completionTree(program)));
      finish(0);
    });

  program
    .command('demo')
    .description('Run shipmate against its built-in sandbox: the readiness report, then the bot in a Slack channel (--web: in a local page)')
    .option('--no-color', 'no colour (NO_COLOR=1 does the same)')
    .option('--web', 'instead: a local web page that looks and behaves like the Slack channel, driven by the bot')
    .option('--port <P>', 'with --web: the port on 127.0.0.1 (default 0: a free one)')
    .option('--scenario <S>', 'with --web: healthy (default), broken, crash or frozen')
    .action(async (options: DemoOptions) => finish(await demoSubcommand(options, io)));

  program.command('version', { hidden: true }).action(() => {
    io.stdout(`shipmate ${io.version}\n`);
    finish(0);
  });

  for (const command of [...program.commands, ...config.commands]) command.usage(synopsis(command));
  config.usage(config.commands.map((command) => `${command.name()} ${synopsis(command)}`.trim()).join(' | '));
  return program;
}

/** `shipmate help`: every command's usage line, then the Slack commands and the exit codes. */
function programHelp(program: Command, helper: Help): string {
  const leaves = helper.visibleCommands(program).flatMap((command) => (command.commands.length > 0 ? helper.visibleCommands(command) : [command]));
  return [
    `shipmate — ${program.description()}`,
    '',
    'Command line:',
    // The implicit `help` command has no parent: its line is built here.
    ...leaves.flatMap((command) => [`  ${command.parent ? usageLine(command) : `shipmate ${command.name()} ${synopsis(command)}`}`, `      ${command.description()}`]),
    '  shipmate -V, --version',
    '',
    'Run "shipmate <command> --help" for a command\'s options.',
    '',
    'In Slack:',
    ...commands.flatMap((c) => [`  /${c.name} ${c.usage}`, `      ${c.summary}`]),
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}
