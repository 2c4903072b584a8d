import { truncateMrkdwn } from './truncate-mrkdwn.js';

/** "a, b, c" within `max` characters; names that do not fit become "and N more". Names must already be escaped. */
export function nameList(names: readonly string[], max: number): string {
  const all = names.join(', ');
  if (all.length <= max) return all;
  let kept = 0;
  let text = '';
  for (const name of names) {
    const next = kept === 0 ? name : `${text}, ${name}`;
    if (next.length + ` and ${names.length - kept - 1} more`.length > max) break;
    text = next;
    kept++;
  }
  return kept === 0 ? truncateMrkdwn(all, max) : `${text} and ${names.length - kept} more`;
}
