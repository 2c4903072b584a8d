import { CONTROL, HOSTILE_NAMES, MARKUP, mutate, randomAscii, randomUnicode } from './fuzz-pieces.js';
import type { SeededRandom } from './seeded-random.js';

export interface FuzzedClick {
  actionId: 'approve' | 'reject';
  value: string;
  /** Whether `value` is exactly the id of a request that exists. */
  real: boolean;
  /** The index in `ids` of the card clicked, or undefined for a message that is not there. */
  card?: number;
  /** Clicked on the App Home tab rather than on a message. */
  fromHome: boolean;
}

/**
 * An Approve or Reject click with a value as a forged or broken payload
 * could carry it: a real request id (on its own card or another's),
 * truncated, overlong, unicode, JSON-ish, a hostile name, markup, empty.
 */
export function fuzzButtonClick(random: SeededRandom, ids: readonly string[]): FuzzedClick {
  const actionId = random.chance(0.6) ? 'approve' : 'reject';
  const id = () => (ids.length > 0 ? random.pick(ids) : 'b7k2q9');
  const value = random.weighted<() => string>([
    [5, () => id()],
    [2, () => id().slice(0, random.int(6))],
    [2, () => mutate(random, id())],
    [1, () => id().toUpperCase()],
    [1, () => ` ${id()}\n`],
    [1, () => `${id()}${'x'.repeat(10_000)}`],
    [1, () => 'a'.repeat(2_001)],
    [2, () => randomUnicode(random, 1 + random.int(40))],
    [1, () => randomAscii(random, 1 + random.int(40))],
    [1, () => random.pick([`{"id":"${id()}"}`, `["${id()}"]`, '{"__proto__":{"admin":true}}', '{}', '[]', 'null', 'undefined', 'true', '0', '-1', 'NaN'])],
    [2, () => random.pick(HOSTILE_NAMES)],
    [1, () => random.pick(MARKUP)],
    [1, () => `${id()}${random.pick(CONTROL)}`],
    [1, () => ''],
  ])();
  const card = ids.length > 0 && random.chance(0.8) ? random.int(ids.length) : undefined;
  return { actionId, value, real: ids.includes(value), ...(card !== undefined ? { card } : {}), fromHome: random.chance(0.1) };
}
