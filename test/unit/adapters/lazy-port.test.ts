import { describe, expect, it } from 'vitest';
import { lazyPort } from '../../../src/adapters/lazy-port.js';

interface GreeterPort {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}
const METHODS: Record<keyof GreeterPort, true> = { greet: true, count: true };

/** A loader that counts its loads and can be told to fail. */
function loader(failures = 0) {
  const state = { loads: 0, failures };
  const load = async (): Promise<GreeterPort> => {
    state.loads += 1;
    if (state.failures > 0) {
      state.failures -= 1;
      throw new Error('cannot load the adapter');
    }
    let calls = 0;
    return { greet: async (name) => `hello ${name} (${++calls})`, count: async () => calls };
  };
  return { state, load };
}

describe('lazyPort', () => {
  it('loads nothing until the first call', () => {
    // given
    const { state, load } = loader();

    // when
    const port = lazyPort(load, METHODS);

    // then
    expect(Object.keys(port).sort()).toEqual(['count', 'greet']);
    expect(state.loads).toBe(0);
  });

  it('loads once for concurrent calls and passes arguments and answers through to one adapter', async () => {
    // given
    const { state, load } = loader();
    const port = lazyPort(load, METHODS);

    // when
    const answers = await Promise.all([port.greet('ada'), port.greet('bob'), port.count()]);

    // then
    expect(state.loads).toBe(1);
    expect(answers.slice(0, 2).sort()).toEqual(['hello ada (1)', 'hello bob (2)']);
    expect(await port.count()).toBe(2);
  });

  it('fails the call when the load fails, and loads again on the next call', async () => {
    // given
    const { state, load } = loader(1);
    const port = lazyPort(load, METHODS);

    // when
    const first = port.greet('ada');

    // then
    await expect(first).rejects.toThrow('cannot load the adapter');
    expect(await port.greet('ada')).toBe('hello ada (1)');
    expect(state.loads).toBe(2);
  });
});
