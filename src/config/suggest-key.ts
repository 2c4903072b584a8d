import type { z } from 'zod';

/** The closest known key to a misspelled one, or undefined when nothing is close. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(unknown.length / 4)) + 1;
  for (const candidate of known) {
    const d = distance(unknown.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Every object key a schema accepts, at any depth. */
export function schemaKeys(schema: z.ZodType): string[] {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (s: unknown): void => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.shape && typeof def.shape === 'object') {
      for (const [k, child] of Object.entries(def.shape as Record<string, unknown>)) {
        keys.add(k);
        visit(child);
      }
    }
    for (const field of ['innerType', 'valueType', 'in', 'out', 'element', 'schema']) visit(def[field]);
    if (Array.isArray(def.options)) def.options.forEach(visit);
  };
  visit(schema);
  return [...keys];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
