/** `{{name}}` placeholders, filled from what login steps extracted. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names used anywhere in a string, or in the strings of a JSON value. */
export function templateVars(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const match of v.matchAll(PLACEHOLDER)) found.add(match[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return [...found];
}

/** Replaces every placeholder with `fill(name)`. */
export function fillTemplate(text: string, fill: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => fill(name));
}

/** The same JSON value with placeholders filled in every string (keys included). */
export function fillJson(value: unknown, fill: (name: string) => string): unknown {
  if (typeof value === 'string') return fillTemplate(value, fill);
  if (Array.isArray(value)) return value.map((item) => fillJson(item, fill));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fillTemplate(k, fill), fillJson(v, fill)]));
  }
  return value;
}
