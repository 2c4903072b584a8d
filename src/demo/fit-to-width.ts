import { displayWidth } from '../render/slack-preview/display-width.js';
import { wrapLines } from '../render/slack-preview/wrap-lines.js';

/** Wraps every line wider than `columns` (ANSI codes and emoji counted as a terminal does); narrower lines are left as they are. */
export function fitToWidth(text: string, columns: number): string {
  return text
    .split('\n')
    .flatMap((line) => (displayWidth(line) <= columns ? [line] : wrapLines(line, columns)))
    .join('\n');
}
