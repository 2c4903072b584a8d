import { describe, expect, it } from 'vitest';
import { markdownTable, moduleScore, summarize } from '../../../scripts/mutation-summary.js';

const mutants = (counts: Record<string, number>) => Object.entries(counts).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status })));

describe('the mutation gate', () => {
  it('counts timeouts as detected and keeps no-coverage out of the covered score', () => {
    // when
    const score = moduleScore('a.ts', mutants({ Killed: 17, Timeout: 2, Survived: 1, NoCoverage: 5, CompileError: 3 }));
    // then
    expect(score).toEqual({ module: 'a.ts', killed: 19, survived: 1, noCoverage: 5, score: 76, coveredScore: 95 });
  });

  it('fails a module under 95 % of its covered mutants even when the whole run is above 90 %', () => {
    // given
    const files = {
      'good.ts': { mutants: mutants({ Killed: 200 }) },
      'weak.ts': { mutants: mutants({ Killed: 18, Survived: 2 }) },
    };
    // when
    const summary = summarize(files);
    // then
    expect(summary.overall.score).toBe(99);
    expect(summary.failures).toEqual(['weak.ts: 90 % of covered mutants killed, below 95 %']);
  });

  it('fails the run under 90 % overall, counting mutants no test covers', () => {
    // when
    const summary = summarize({ 'a.ts': { mutants: mutants({ Killed: 80, NoCoverage: 20 }) } });
    // then
    expect(summary.failures).toEqual(['overall: 80 % of all mutants killed, below 90 %']);
  });

  it('prints one row per module with mutants, and the overall row', () => {
    // when
    const table = markdownTable(summarize({ 'b.ts': { mutants: mutants({ Killed: 3, Survived: 1 }) }, 'empty.ts': { mutants: [] } }));
    // then
    expect(table.split('\n')).toEqual([
      '| module | killed | survived | no coverage | covered score | score |',
      '|---|---:|---:|---:|---:|---:|',
      '| `b.ts` | 3 | 1 | 0 | 75 % | 75 % |',
      '| **overall** | 3 | 1 | 0 | 75 % | 75 % |',
    ]);
  });
});
