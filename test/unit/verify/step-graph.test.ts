import { describe, expect, it } from 'vitest';
import { findCycle, stepDependencies } from '../../../src/domain/verify/step-graph.js';
import { loginSuite } from './steps.js';

describe('smoke-test dependency graph', () => {
  it('given a step using a login token, when building the graph, then it needs the login step without saying so', () => {
    // given
    const suite = loginSuite();

    // when
    const graph = stepDependencies(suite);

    // then
    expect(Object.fromEntries(graph)).toEqual({ login: [], me: ['login'], catalog: [], health: [] });
    expect(findCycle(graph)).toBeUndefined();
  });

  it('given explicit needs and an implicit one, when building the graph, then both count once', () => {
    // given
    const suite = [
      { name: 'login', url: 'https://x.test/login', login: { as: 'token' } },
      { name: 'seed', url: 'https://x.test/seed' },
      { name: 'order', url: 'https://x.test/order/{{token}}', needs: ['seed', 'login'] },
    ];

    // when
    const graph = stepDependencies(suite);

    // then
    expect(graph.get('order')).toEqual(['seed', 'login']);
  });

  it('given steps that wait on each other, when looking for a cycle, then it names the loop', () => {
    // given
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', []],
    ]);

    // when / then
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });
});
