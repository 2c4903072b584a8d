import { describe, expect, it } from 'vitest';
import { pageOf } from '../../../src/sandbox/aws/paging.js';

const letters = ['a', 'b', 'c', 'd', 'e'];
const invalid = () => new Error('invalid token');

describe('pageOf', () => {
  it('given more items than a page, when paged to the end, then every item comes once and the last page has no token', () => {
    const first = pageOf(letters, { pageSize: 2, scope: 'L' }, invalid);
    const second = pageOf(letters, { pageSize: 2, scope: 'L', nextToken: first.nextToken }, invalid);
    const third = pageOf(letters, { pageSize: 2, scope: 'L', nextToken: second.nextToken }, invalid);

    expect([first.items, second.items, third.items]).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(first.nextToken).toEqual(expect.any(String));
    expect(third.nextToken).toBeUndefined();
  });

  it('given exactly one page of items, when paged, then no token is handed out', () => {
    expect(pageOf(letters, { pageSize: 5, scope: 'L' }, invalid)).toEqual({ items: letters });
  });

  it('given a token from another listing, when used, then it is refused', () => {
    const { nextToken } = pageOf(letters, { pageSize: 2, scope: 'ListBuilds' }, invalid);

    expect(() => pageOf(letters, { pageSize: 2, scope: 'ListBuildsForProject:x', nextToken }, invalid)).toThrow('invalid token');
  });

  it.each(['garbage', Buffer.from('{"scope":"L","offset":-3}').toString('base64url')])('given the token %s, when used, then it is refused', (token) => {
    expect(() => pageOf(letters, { pageSize: 2, scope: 'L', nextToken: token }, invalid)).toThrow('invalid token');
  });
});
