import { describe, expect, it } from 'vitest';
import { renderMarkdownReport } from '../../../src/render/markdown-report.js';
import { checkResult as check, readinessReport as report } from '../../support/readiness-report.js';

/** The rows of the first table after a line, split into cells. */
function tableAfter(markdown: string, heading: RegExp): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(line.slice(2, -2).split(/(?<!\\) \| /));
  }
  return rows;
}

describe('renderMarkdownReport', () => {
  it('heads with environment and version, the verdict and score, then a table of problems, passing checks folded', () => {
    // given
    const checks = [
      check('codebuild.project', 'backend', 'pass'),
      check('ecr.scan-on-push', 'frontend', 'warn', 'scan on push is off', 'turn it on'),
      check('ecr.tag', 'backend', 'fail', 'tag missing', 'push it'),
      check('k8s.rollout', 'backend', 'error', 'cluster unreachable'),
      check('http.health', 'frontend', 'skip', 'no healthUrl'),
    ];
    // when
    const md = renderMarkdownReport(report(checks));
    // then
    const lines = md.split('\n');
    expect(lines[0]).toBe('### shipmate readiness · staging · version 1.2.0');
    expect(lines[2]).toBe('**❌ BLOCKED** · score **61/100**');
    const problems = tableAfter(md, /passed · 1 failing/);
    expect(problems[0]).toEqual(['Status', 'Service', 'Check', 'Finding', 'Fix']);
    expect(problems[1]).toEqual(['---', '---', '---', '---', '---']);
    expect(problems.slice(2)).toEqual([
      ['❌ fail', 'backend', '`ecr.tag`', 'tag missing', 'push it'],
      ['⛔ error', 'backend', '`k8s.rollout`', 'cluster unreachable', ''],
      ['⚠️ warn', 'frontend', '`ecr.scan-on-push`', 'scan on push is off', 'turn it on'],
    ]);
    expect(md).toContain('<details>\n<summary>Passed and skipped checks (2)</summary>');
    expect(tableAfter(md, /<summary>/).slice(2).map((row) => row[2])).toEqual(['`http.health`', '`codebuild.project`']);
    expect(md.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('keeps a finding inside its cell: pipes, newlines, HTML and markup are escaped', () => {
    // given
    const finding = 'a | b\nc <img src=x> **bold** `tick`';
    // when
    const md = renderMarkdownReport(report([check('ecr.tag', 'backend', 'fail', finding)]));
    // then
    const row = tableAfter(md, /passed/)[2]!;
    expect(row).toHaveLength(5);
    expect(row[3]).toBe('a \\| b c &lt;img src=x&gt; \\*\\*bold\\*\\* \\`tick\\`');
    expect(md).not.toContain('<img');
  });

  it('says nothing needs attention when everything passes', () => {
    const md = renderMarkdownReport(report([check('codebuild.project', 'backend', 'pass')], 'ready'));
    expect(md).toContain('**✅ READY**');
    expect(md).toContain('\nNothing needs attention.\n');
  });
});
