import type { Block } from '../../blocks/block-kit.js';
import { section } from '../../blocks/builders.js';
import { fitLines } from '../../blocks/fit-lines.js';
import { truncate } from '../../blocks/truncate.js';
import { bold, codeSpan } from '../app-home/home-text.js';

/** Each of the two sections may use this much of the message's text budget. */
const SECTION_BUDGET = 1500;

/** "Started failing" and "Stopped failing", one line per "service check-id", folded into "…and N more" past the budget. */
export function checkChangeBlocks(startedFailing: readonly string[], stoppedFailing: readonly string[]): Block[] {
  const blocks: Block[] = [];
  if (startedFailing.length > 0) blocks.push(changeSection(`:red_circle: *Started failing* (${startedFailing.length})`, startedFailing));
  if (stoppedFailing.length > 0) blocks.push(changeSection(`:large_green_circle: *Stopped failing* (${stoppedFailing.length})`, stoppedFailing));
  return blocks;
}

function changeSection(head: string, keys: readonly string[]): Block {
  return section(fitLines(head, keys.map(checkLine), SECTION_BUDGET, (left) => `…and ${left} more`));
}

/** "api ecr.tag" -> "• *api* `ecr.tag`". */
function checkLine(key: string): string {
  const space = key.indexOf(' ');
  const service = space < 0 ? '' : key.slice(0, space);
  const id = space < 0 ? key : key.slice(space + 1);
  return `• ${service ? `${bold(truncate(service, 80))} ` : ''}${codeSpan(truncate(id, 120))}`;
}
