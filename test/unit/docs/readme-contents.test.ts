import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnchor, readmeHeadings, withContents } from '../../../scripts/readme-contents.js';
import { packageRoot } from '../../../src/package-root.js';

describe('the README table of contents', () => {
  it('lists every ## and ### heading, in order (npm run docs:readme rewrites it)', () => {
    // given
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');

    // when
    const regenerated = withContents(readme);

    // then
    expect(regenerated).toBe(readme);
  });

  it('links only to anchors that exist', () => {
    // given
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const anchors = new Set(readmeHeadings(readme).map((h) => h.anchor));

    // when
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);

    // then
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });

  it('makes anchors as GitHub does', () => {
    expect(githubAnchor('Health, readiness, metrics and logs')).toBe('health-readiness-metrics-and-logs');
    expect(githubAnchor('1. Make it yours')).toBe('1-make-it-yours');
    expect(githubAnchor('`shipmate readiness` in CI')).toBe('shipmate-readiness-in-ci');
  });

  it('skips headings inside code fences and numbers repeated ones', () => {
    // given
    const markdown = ['## A', '```yaml', '## not a heading', '```', '### A', '## B'].join('\n');

    // when
    const headings = readmeHeadings(markdown);

    // then
    expect(headings.map((h) => h.anchor)).toEqual(['a', 'a-1', 'b']);
  });
});
