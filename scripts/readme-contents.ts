import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The README's table of contents, made from its ## and ### headings (outside
 * code fences) with GitHub's anchors. `npm run docs:readme` rewrites the block
 * between the markers; a test fails when it is stale.
 */

export const CONTENTS_START = '<!-- contents -->';
export const CONTENTS_END = '<!-- /contents -->';

export interface Heading {
  level: number;
  title: string;
  anchor: string;
}

export function readmeHeadings(markdown: string): Heading[] {
  const headings: Heading[] = [];
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^(#{2,3}) (.+)$/.exec(line);
    if (!match) continue;
    const title = match[2]!.trim();
    const base = githubAnchor(title);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    headings.push({ level: match[1]!.length, title, anchor: count === 0 ? base : `${base}-${count}` });
  }
  return headings;
}

/** GitHub's rule: lower case, drop punctuation but hyphens and underscores, spaces become hyphens. */
export function githubAnchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

export function readmeContents(markdown: string): string {
  return readmeHeadings(markdown)
    .filter((h) => h.title !== 'Contents')
    .map((h) => `${h.level === 3 ? '  ' : ''}- [${h.title.replace(/`/g, '')}](#${h.anchor})`)
    .join('\n');
}

export function withContents(markdown: string): string {
  const start = markdown.indexOf(CONTENTS_START);
  const end = markdown.indexOf(CONTENTS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${CONTENTS_START} … ${CONTENTS_END} block`);
  return `${markdown.slice(0, start + CONTENTS_START.length)}\n${readmeContents(markdown)}\n${markdown.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(process.cwd(), 'README.md');
  writeFileSync(path, withContents(readFileSync(path, 'utf8')));
}
