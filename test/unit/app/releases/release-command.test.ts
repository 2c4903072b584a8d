import { describe, expect, it } from 'vitest';
import { releaseCommand } from '../../../../commands/release.js';
import { parseCommandArgs } from '../../../../src/cli/parse-command-args.js';
import { UsageError } from '../../../../src/usage-error.js';

/** As Slack hands the words after /release to the command. */
const parse = (text: string) => parseCommandArgs(releaseCommand, text.split(/\s+/).filter(Boolean));

describe('/release <version> [env] [--from <stage>] [--override]', () => {
  it.each([
    ['1.2.0', { version: '1.2.0', env: undefined, from: undefined, override: false }],
    ['v1.2.0 production', { version: '1.2.0', env: 'production', from: undefined, override: false }],
    ['1.2.0 --from 3', { version: '1.2.0', env: undefined, from: '3', override: false }],
    ['1.2.0 staging --from migrate --override', { version: '1.2.0', env: 'staging', from: 'migrate', override: true }],
    ['1.2.0 --override --from=deploy staging', { version: '1.2.0', env: 'staging', from: 'deploy', override: true }],
  ])('given "%s", when parsed, then %j', (text, args) => {
    expect(parse(text)).toEqual(args);
  });

  it.each([
    ['', 'version: a version is required, e.g. 1.1.0 or v1.1.0'],
    ['1..2/x', 'version: "1..2/x" is not a valid version'],
    ['1.2.0 --from', '--from needs a stage, e.g. --from 3 or --from migrate'],
    ['1.2.0 --from --override', '--from needs a stage, e.g. --from 3 or --from migrate'],
    ['1.2.0 --from=', '--from needs a stage, e.g. --from 3 or --from migrate'],
    ['1.2.0 --from 3 --from 4', '--from is given twice'],
    ['1.2.0 --from Migrate!', '--from "Migrate!": a stage is its number or its type, e.g. --from 3 or --from migrate'],
    ['1.2.0 --override --override', '--override is given twice'],
    ['1.2.0 --force', 'unknown option "--force" (use --from <stage> or --override)'],
    ['1.2.0 staging production', 'one environment at most: "staging" and "production" were given'],
    ['1.2.0 Staging', 'an environment is a lowercase name such as staging'],
  ])('given "%s", when parsed, then one UsageError line: %s', (text, message) => {
    const error = (() => {
      try {
        parse(text);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message.startsWith(message)).toBe(true);
  });

  it('describes itself for help and the manifest', () => {
    expect(releaseCommand.name).toBe('release');
    expect(releaseCommand.usage).toBe('<version> [env] [--from <stage>] [--override]');
  });
});
