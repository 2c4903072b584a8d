import type { LabelSelector } from '../../../ports/cluster.port.js';

/**
 * Whether a label selector selects an object with these labels, as the API
 * server evaluates it: every matchLabels pair and every matchExpression must
 * hold; a selector with neither selects everything.
 */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const pairsMatch = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const expressionsMatch = (selector.matchExpressions ?? []).every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key);
    switch (operator) {
      case 'In':
        return has && values?.includes(labels[key]!) === true;
      case 'NotIn':
        return !has || values?.includes(labels[key]!) !== true;
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
    return false; // an operator the API would reject selects nothing
  });
  return pairsMatch && expressionsMatch;
}

/** "app=backend,tier=api", for findings. */
export function formatLabels(labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length ? pairs.join(',') : '(no labels)';
}
