import { describe, expect, it } from 'vitest';
import { at, type OpenStore } from './store-fixtures.js';

const T0 = at('2025-03-04T09:00:00.000Z');
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

/** Seen signatures: a signed request is accepted once; a replay is refused until the signature expires. */
export function signaturesContract(open: OpenStore): void {
  describe('seen signatures', () => {
    it('given a signature seen once, when it comes again before it expires, then it is refused; another signature is not', async () => {
      const store = await open();

      expect(await store.rememberSignature(SIGNATURE, minutes(0), minutes(5))).toBe(true);
      expect(await store.rememberSignature(SIGNATURE, minutes(1), minutes(6))).toBe(false);
      expect(await store.rememberSignature(`${SIGNATURE.slice(0, -1)}4`, minutes(1), minutes(6))).toBe(true);
      expect(await store.rememberSignature(SIGNATURE, minutes(4), minutes(9))).toBe(false);
    });

    it('given a signature whose time has passed, when it comes again, then it is accepted once more (it was forgotten), and remembered anew', async () => {
      const store = await open();
      await store.rememberSignature(SIGNATURE, minutes(0), minutes(5));

      expect(await store.rememberSignature(SIGNATURE, minutes(5), minutes(10))).toBe(true);
      expect(await store.rememberSignature(SIGNATURE, minutes(9), minutes(14))).toBe(false);
      expect(await store.rememberSignature(SIGNATURE, minutes(30), minutes(35))).toBe(true);
    });

    it('given a signature that expired moments ago, before any clean-up ran, when it comes again, then it is accepted once more', async () => {
      const store = await open();
      const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
      await store.rememberSignature(SIGNATURE, seconds(0), seconds(30));

      expect(await store.rememberSignature(SIGNATURE, seconds(40), seconds(70))).toBe(true);
      expect(await store.rememberSignature(SIGNATURE, seconds(50), seconds(80))).toBe(false);
    });

    it('given one signature sent to two replicas ten times at once, when they remember it, then exactly one call is told it is new', async () => {
      const [first, second] = [await open(), await open()];

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).rememberSignature(SIGNATURE, minutes(0), minutes(5))),
      );

      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
