/**
 * `head` and as many `items` (one or more lines each) as fit in `budget`
 * characters, cut between items, then the line `more(n)` saying how many were
 * left out. The first item is always kept, so the caller bounds its length.
 */
export function fitLines(head: string, items: readonly string[], budget: number, more: (left: number) => string): string {
  const all = [head, ...items].join('\n');
  if (all.length <= budget) return all;
  let text = head;
  let kept = 0;
  for (const item of items) {
    const next = `${text}\n${item}`;
    const left = items.length - kept - 1;
    if (kept > 0 && next.length + 1 + more(left).length > budget) break;
    text = next;
    kept++;
  }
  return kept === items.length ? text : `${text}\n${more(items.length - kept)}`;
}
