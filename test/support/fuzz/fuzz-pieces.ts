import type { SeededRandom } from './seeded-random.js';

/**
 * Words a fuzzed command is made of: names shipmate knows, names that are
 * keys of every plain object, flags, versions that almost parse, Slack
 * markup, control and bidirectional characters, emoji, numbers, and random
 * text. Mentions name users the sandbox does not have, or carol, whom
 * nothing in a fuzz run makes shipmate mention: any of them found live in a
 * reply was typed, not meant.
 */
export const SERVICES = ['backend', 'frontend', 'ml'] as const;
export const ENVIRONMENTS = ['staging', 'production'] as const;
export const VERSIONS = ['1.0.0', 'v1.0.0', '1.1.0', 'v1.1.0'] as const;

export const HOSTILE_NAMES = [
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__', 'then', 'length', 'name',
] as const;

export const FLAGS = [
  '--override', '--', '-x', '-', '---', '--env', '--env=production', '--version', '--version=1.0.0', '--help', '-h',
  '--override=true', '--no-override', '—override', '––override', '--OVERRIDE', '--__proto__', '--constructor',
] as const;

export const ALMOST_VERSIONS = [
  '1.0', '1', 'v1', '1.0.0.0', '1.0.0-', '1.0.0-rc.1', '1.0.0+build.5', '01.0.0', '1..0', '.1.0', '1.0.', 'V1.0.0', 'vv1.0.0',
  '1.0.x', '1.0.*', '^1.0.0', '~1.0.0', '>=1.0.0', '1.0.0\u200b', '\uff11.\uff10.\uff10', '١.٠.٠', '99999999999999999999.0.0',
  '-1.0.0', '1.-1.0', '1.0.0/../../etc', '1.0.0%00', '1.0.0\u0000', 'latest', 'NaN.NaN.NaN', 'Infinity', '1e3.0.0', '0x1.0.0',
  '1.0.0 ', 'v', 'v.', '1.0.0-' + 'a'.repeat(300), '1.0.0\u202e', '1.0.0:latest', 'backend:1.0.0', '1,0,0',
] as const;

export const NUMBERS = ['0', '-1', '1e309', '0x10', '9007199254740993', 'NaN', '-0', '1.5', '007', '4294967296', '1_000'] as const;

export const MARKUP = [
  '<!channel>', '<!here>', '<!everyone>', '<@U1>', '<@U0CAROL>', '<@W0MALLORY>', '<@U0NOBODY|admin>', '<#C0RELEASES>', '<#C1|general>',
  '<https://x|y>', '<https://evil.example|https://looks-internal.example>', '<mailto:a@evil.example|ops>',
  '<!subteam^S0RELEASE>', '<!subteam^S1|@admins>', '<!date^0^{date}|x>', '*bold*', '_it_', '~s~', '`code`', '```block```',
  '&lt;!channel&gt;', '&amp;', '>quote', '<', '>', '<<!channel>>', '<!channel', '@channel', '@here', 'https://evil.example',
] as const;

export const CONTROL = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u001b[31m', '\r', '\r\n', '\u000b', '\u000c', '\u007f', '\u0085', '\u009b',
  '\u2028', '\u2029', '\u202e', '\u202d', '\u202a', '\u2066', '\u2067', '\u2069', '\u200b', '\u200d', '\u200e', '\ufeff',
  '\ud800', '\udfff', '\ufffd', '\uffff',
] as const;

export const EMOJI = ['🚀', ':rocket:', '👨‍👩‍👧', '🏳️‍🌈', '🇺🇸', '🔥🔥🔥', ':shipit:', '🧨', '\u2764\ufe0f'] as const;

/** Names that look like known ones but are not: homoglyphs, case, combining marks, scripts. */
export const LOOKALIKES = [
  'ѕtaging', 'STAGING', 'Staging', 'staging\u0301', 'stagіng', 'prod', 'production-', '-staging', 'staging.', 'stag ing',
  'Backend', 'backend\u200b', 'bаckend', 'backend/..', '../backend', 'backend;rm', 'backend$(id)', '名前', 'İ', 'ß',
  'all', 'ALL', '*', 'staging,production', 'backend,frontend',
] as const;

export const SEPARATORS = [' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', ' \n\t '] as const;

const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@#$%^&*()[]{}<>|\\\'"`~!?+=,;';

/** Random printable ASCII. */
export function randomAscii(random: SeededRandom, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ASCII[random.int(ASCII.length)];
  return out;
}

/** Random code points from anywhere in the BMP and beyond (lone surrogates included). */
export function randomUnicode(random: SeededRandom, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const cp = random.weighted<number>([
      [4, 0x20 + random.int(0x5f)],
      [2, random.int(0x20)],
      [2, 0x80 + random.int(0x780)],
      [2, 0x800 + random.int(0xf800)],
      [1, 0x10000 + random.int(0x10ffff - 0x10000)],
    ]);
    out += String.fromCodePoint(cp);
  }
  return out;
}

/** A name-shaped word shipmate does not know (or, rarely, the shape at its limits). */
export function randomName(random: SeededRandom): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  const length = random.weighted<number>([[6, 1 + random.int(12)], [1, 62 + random.int(4)], [1, 0]]);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(alphabet.length)];
  return out;
}

/** About 10 kB of one kind of text. */
export function huge(random: SeededRandom): string {
  const size = 10_240 + random.int(64);
  return random.weighted<() => string>([
    [1, () => 'a'.repeat(size)],
    [1, () => randomAscii(random, size)],
    [1, () => randomUnicode(random, size / 2)],
    [1, () => '<!channel> '.repeat(size / 11)],
    [1, () => `${random.pick(SERVICES)} `.repeat(size / 8)],
    [1, () => random.pick(CONTROL).repeat(size / 2)],
    [1, () => `backend ${'9'.repeat(size)}.0.0`],
  ])();
}

/** Any one word, from any of the pools above. */
export function anyWord(random: SeededRandom): string {
  return random.weighted<() => string>([
    [3, () => random.pick(SERVICES)],
    [3, () => random.pick(ENVIRONMENTS)],
    [2, () => random.pick(VERSIONS)],
    [3, () => random.pick(HOSTILE_NAMES)],
    [2, () => random.pick(FLAGS)],
    [3, () => random.pick(ALMOST_VERSIONS)],
    [1, () => random.pick(NUMBERS)],
    [3, () => random.pick(MARKUP)],
    [2, () => random.pick(CONTROL) + randomName(random)],
    [1, () => random.pick(EMOJI)],
    [2, () => random.pick(LOOKALIKES)],
    [2, () => randomName(random)],
    [2, () => randomAscii(random, 1 + random.int(20))],
    [1, () => randomUnicode(random, 1 + random.int(12))],
  ])();
}

/** Words joined by one of the separators Slack may pass through (spaces, tabs, newlines, no-break spaces). */
export function joinWords(random: SeededRandom, words: readonly string[]): string {
  return words.map((w, i) => (i === 0 ? w : `${random.pick(SEPARATORS)}${w}`)).join('');
}

/** A character-level change: insert, delete, duplicate, flip case, cut, or slip in a control character. */
export function mutate(random: SeededRandom, text: string): string {
  const at = random.int(text.length + 1);
  return random.weighted<() => string>([
    [2, () => text.slice(0, at) + randomUnicode(random, 1) + text.slice(at)],
    [2, () => text.slice(0, at) + text.slice(at + 1)],
    [1, () => text.slice(0, at) + text.slice(at, at + 3).repeat(2) + text.slice(at + 3)],
    [1, () => text.toUpperCase()],
    [2, () => text.slice(0, at)],
    [2, () => text.slice(0, at) + random.pick(CONTROL) + text.slice(at)],
    [1, () => text.slice(0, at) + random.pick(MARKUP) + text.slice(at)],
  ])();
}
