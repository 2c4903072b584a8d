import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/kube/kube-objects.js';
import { ContinueTokenError, paginate } from '../../../src/sandbox/kube/kube-paging.js';

const objects: KubeObject[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ metadata: { name, namespace: 'ns' } }));
const names = (items: KubeObject[]) => items.map((o) => o.metadata?.name);

describe('paginate', () => {
  it('given no limit, when paginating, then everything comes in one page without a continue token', () => {
    const page = paginate(objects, { resourceVersion: '7', filtered: false });
    expect(names(page.items)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(page.metadata).toEqual({ resourceVersion: '7' });
  });

  it('given a limit, when following continue tokens, then every object comes once, in order, at the first resourceVersion', () => {
    const first = paginate(objects, { limit: 2, resourceVersion: '7', filtered: false });
    expect(names(first.items)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(3);

    const second = paginate(objects, { limit: 2, continueToken: first.metadata.continue!, resourceVersion: '9', filtered: false });
    expect(names(second.items)).toEqual(['c', 'd']);
    expect(second.metadata.resourceVersion).toBe('7');

    const last = paginate(objects, { limit: 2, continueToken: second.metadata.continue!, resourceVersion: '9', filtered: false });
    expect(names(last.items)).toEqual(['e']);
    expect(last.metadata.continue).toBeUndefined();
    expect(last.metadata.remainingItemCount).toBeUndefined();
  });

  it('given a selector was applied, when a page is cut, then remainingItemCount is left out as the API server does', () => {
    const page = paginate(objects, { limit: 1, resourceVersion: '7', filtered: true });
    expect(page.metadata.continue).toBeDefined();
    expect(page.metadata).not.toHaveProperty('remainingItemCount');
  });

  it('given a token this server did not issue, when paginating, then a ContinueTokenError is thrown', () => {
    expect(() => paginate(objects, { continueToken: 'not-a-token', resourceVersion: '7', filtered: false })).toThrow(ContinueTokenError);
    const foreign = Buffer.from(JSON.stringify({ v: 'other', rv: 1, start: 'a' })).toString('base64url');
    expect(() => paginate(objects, { continueToken: foreign, resourceVersion: '7', filtered: false })).toThrow(/continue key is not valid/);
  });
});
