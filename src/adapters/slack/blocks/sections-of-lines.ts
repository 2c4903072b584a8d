import { section } from './builders.js';
import type { SectionBlock } from './block-kit.js';

/** Lines packed into as few mrkdwn sections as fit under `limit` characters each (a section's text may hold 3,000). */
export function sectionsOfLines(lines: readonly string[], limit = 2900): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let chunk: string[] = [];
  for (const line of lines) {
    if (chunk.length > 0 && [...chunk, line].join('\n').length > limit) {
      sections.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(line);
  }
  if (chunk.length > 0) sections.push(section(chunk.join('\n')));
  return sections;
}
