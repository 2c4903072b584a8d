import { ALMOST_VERSIONS, anyWord, ENVIRONMENTS, FLAGS, HOSTILE_NAMES, huge, joinWords, mutate, SERVICES, VERSIONS } from './fuzz-pieces.js';
import type { SeededRandom } from './seeded-random.js';

export const FUZZED_COMMANDS = ['/readiness', '/build', '/deploy', '/verify', '/shipmate'] as const;
export type FuzzedCommand = (typeof FUZZED_COMMANDS)[number];

const SUBCOMMANDS = ['help', 'status', 'history', 'digest', 'cancel', 'lock', 'unlock'] as const;

export interface FuzzedText {
  command: FuzzedCommand;
  text: string;
  /** How it was made, for the report. */
  strategy: 'words' | 'template' | 'mutated' | 'huge';
}

/**
 * One slot of a command's usage: usually what shipmate expects there, else a
 * hostile name, a flag, an almost-version or any word. `known` is how often
 * the expected value is kept: low for commands whose valid run is slow
 * (readiness, smoke tests, preflights), so most inputs stay refusals.
 */
function slot(random: SeededRandom, known: number, expected: () => string): string {
  if (random.chance(known)) return expected();
  return random.weighted<() => string>([
    [3, () => random.pick(HOSTILE_NAMES)],
    [2, () => random.pick(FLAGS)],
    [2, () => random.pick(ALMOST_VERSIONS)],
    [4, () => anyWord(random)],
  ])();
}

/** A request or build id shape, a real one when `ids` has any. */
export type IdSource = () => string;

/** A text following the command's usage, some slots hostile. */
function template(random: SeededRandom, command: FuzzedCommand, requestId: IdSource): string[] {
  const service = (known = 0.6) => slot(random, known, () => random.pick(SERVICES));
  const env = (known = 0.6) => slot(random, known, () => random.pick(ENVIRONMENTS));
  const version = (known = 0.6) => slot(random, known, () => random.pick(VERSIONS));
  const optional = (word: () => string, p = 0.5) => (random.chance(p) ? [word()] : []);
  switch (command) {
    case '/readiness':
      return [...optional(() => env(0.3), 0.8), ...optional(() => version(0.3), 0.6)];
    case '/verify':
      return [env(0.15), ...optional(() => anyWord(random), 0.2)];
    case '/build':
      return [version(0.4), ...Array.from({ length: random.int(4) }, () => slot(random, 0.5, () => random.pick([...SERVICES, 'all']))), ...optional(() => env(0.5))];
    case '/deploy':
      return [service(0.5), version(0.5), ...optional(() => env(0.5)), ...optional(() => slot(random, 0.6, () => '--override'), 0.3)];
    case '/shipmate': {
      const sub = slot(random, 0.85, () => random.pick(SUBCOMMANDS));
      const reason = () => Array.from({ length: random.int(5) }, () => anyWord(random));
      switch (sub) {
        case 'digest':
          return [sub, ...optional(() => env(0.2), 0.7)];
        case 'cancel':
          return [sub, ...optional(() => slot(random, 0.5, requestId), 0.9), ...optional(() => anyWord(random), 0.1)];
        case 'lock':
          return [sub, ...optional(() => service()), ...optional(() => env()), ...reason()];
        case 'unlock':
          return [sub, ...optional(() => service(), 0.8), ...optional(() => env()), ...optional(() => anyWord(random), 0.2)];
        default:
          return [sub, ...optional(() => anyWord(random), 0.3)];
      }
    }
  }
}

/** One fuzzed command: any command, its text made of random words, a template, a mutated template, or about 10 kB. */
export function fuzzCommandText(random: SeededRandom, requestId: IdSource): FuzzedText {
  const command = random.pick(FUZZED_COMMANDS);
  const strategy = random.weighted<FuzzedText['strategy']>([
    [4, 'words'],
    [4, 'template'],
    [2, 'mutated'],
    [1, 'huge'],
  ]);
  const words = () => Array.from({ length: random.int(7) }, () => anyWord(random));
  const text = {
    words: () => joinWords(random, command === '/shipmate' && random.chance(0.5) ? [random.pick(SUBCOMMANDS), ...words()] : words()),
    template: () => joinWords(random, template(random, command, requestId)),
    mutated: () => mutate(random, template(random, command, requestId).join(' ')),
    huge: () => (random.chance(0.5) ? huge(random) : joinWords(random, [...template(random, command, requestId), huge(random)])),
  }[strategy]();
  return { command, text, strategy };
}
