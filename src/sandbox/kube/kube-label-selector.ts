/**
 * The `labelSelector` query parameter, with the grammar of
 * k8s.io/apimachinery/pkg/labels: equality (`a=b`, `a==b`, `a!=b`), sets
 * (`a in (x,y)`, `a notin (x)`), existence (`a`, `!a`), comma-separated and
 * all required. `a!=b` and `notin` match objects without the label, as on a
 * real server.
 */

export class SelectorError extends Error {}

export type LabelPredicate = (labels: Record<string, string> | undefined) => boolean;

const KEY = String.raw`(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?`;
const VALUE = String.raw`(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;

const EXISTS = new RegExp(`^(${KEY})$`);
const NOT_EXISTS = new RegExp(`^!\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|!=|=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const SET_VALUE = new RegExp(`^${VALUE}$`);

export function parseLabelSelector(text: string): LabelPredicate {
  const requirements = splitRequirements(text).map(parseRequirement);
  return (labels) => requirements.every((matches) => matches(labels ?? {}));
}

function parseRequirement(text: string): (labels: Record<string, string>) => boolean {
  let match = EXISTS.exec(text);
  if (match) {
    const key = match[1]!;
    return (labels) => Object.hasOwn(labels, key);
  }
  if ((match = NOT_EXISTS.exec(text))) {
    const key = match[1]!;
    return (labels) => !Object.hasOwn(labels, key);
  }
  if ((match = EQUALITY.exec(text))) {
    const [, key = '', operator, value] = match;
    return operator === '!=' ? (labels) => labelValue(labels, key) !== value : (labels) => labelValue(labels, key) === value;
  }
  if ((match = SET.exec(text))) {
    const [, key = '', operator, list = ''] = match;
    const values = list.split(',').map((v) => v.trim());
    const invalid = values.find((v) => !SET_VALUE.test(v));
    if (invalid !== undefined) throw new SelectorError(`unable to parse requirement: invalid label value: "${invalid}"`);
    const inSet = (labels: Record<string, string>) => {
      const actual = labelValue(labels, key);
      return actual !== undefined && values.includes(actual);
    };
    return operator === 'in' ? inSet : (labels) => !inSet(labels);
  }
  throw new SelectorError(`unable to parse requirement: "${text}" is not a valid label requirement`);
}

const labelValue = (labels: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(labels, key) ? labels[key] : undefined;

/** Splits on the commas that separate requirements, not those inside `in (...)`. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  const trimmed = parts.map((p) => p.trim());
  if (trimmed.length === 1 && trimmed[0] === '') return [];
  if (trimmed.includes('')) throw new SelectorError(`unable to parse requirement: empty requirement in "${text}"`);
  return trimmed;
}
