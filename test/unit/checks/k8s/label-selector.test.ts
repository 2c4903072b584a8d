import { describe, expect, it } from 'vitest';
import { formatLabels, selectorMatches } from '../../../../src/domain/checks/k8s/label-selector.js';

const labels = { app: 'backend', tier: 'api' };

describe('selectorMatches', () => {
  it('given an empty selector, when matched, then it selects everything, even no labels', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
  });

  it('given matchLabels, when every pair is present, then it matches, and not when one differs or is absent', () => {
    expect(selectorMatches({ matchLabels: { app: 'backend' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'backend', tier: 'web' } }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { team: 'shop' } }, labels)).toBe(false);
  });

  it('given In, when the value is listed, then it matches; an absent key never does', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend', 'backend'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'In', values: ['shop'] }] }, labels)).toBe(false);
  });

  it('given NotIn, when the key is absent or its value unlisted, then it matches', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['backend'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['ml'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['shop'] }] }, labels)).toBe(true);
  });

  it('given Exists and DoesNotExist, when matched, then they test the key only', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });

  it('given In or NotIn without a values list, when matched, then no value counts as listed', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'NotIn' }] }, labels)).toBe(true);
  });

  it('given an operator the API would reject, when matched, then it selects nothing', () => {
    const selector = { matchExpressions: [{ key: 'app', operator: 'Gt' as 'In', values: ['backend'] }] };

    expect(selectorMatches(selector, labels)).toBe(false);
  });

  it('given matchLabels and matchExpressions together, when one fails, then the selector does not match', () => {
    const selector = { matchLabels: { app: 'backend' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['web'] }] };

    expect(selectorMatches(selector, labels)).toBe(false);
  });
});

describe('formatLabels', () => {
  it('given labels, when formatted, then they read as a kubectl selector', () => {
    expect(formatLabels(labels)).toBe('app=backend,tier=api');
    expect(formatLabels({})).toBe('(no labels)');
  });
});
