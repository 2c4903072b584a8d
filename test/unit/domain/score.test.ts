import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../src/domain/readiness/report.js';
import { scoreOf, verdictOf } from '../../../src/domain/readiness/score.js';

const result = (status: CheckResult['status'], severity: CheckResult['severity'] = 'fail'): CheckResult => ({
  id: 'a.b',
  service: 's',
  title: 't',
  severity,
  status,
  finding: '',
  fix: '',
  durationMs: 1,
});

describe('score and verdict', () => {
  it('is 100 and ready when everything passes, skips left out', () => {
    const all = [result('pass'), result('pass', 'warn'), result('skip')];
    expect(scoreOf(all)).toBe(100);
    expect(verdictOf(all)).toBe('ready');
  });

  it('weighs blocking checks three times advisory ones, warnings earning half', () => {
    // 3 (pass) + 0 (fail) + 0.5 (warn) of 3 + 3 + 1
    expect(scoreOf([result('pass'), result('fail'), result('warn', 'warn')])).toBe(Math.round((100 * 3.5) / 7));
  });

  it('never scores 100 beside a warning: one advisory warning among many passing checks is 99, not a rounded-up 100', () => {
    // given 33 passing blocking checks (99) and one advisory warning (0.5 of 1): 99.5 of 100
    const results = [...Array.from({ length: 33 }, () => result('pass')), result('warn', 'warn')];
    // when / then
    expect(scoreOf(results)).toBe(99);
    expect(verdictOf(results)).toBe('at-risk');
    // an error that rounds away is not 100 either
    expect(scoreOf([...Array.from({ length: 300 }, () => result('pass', 'warn')), result('error', 'warn')])).toBe(99);
  });

  it('is blocked by any failure, at risk on warnings or errors', () => {
    expect(verdictOf([result('pass'), result('fail')])).toBe('blocked');
    expect(verdictOf([result('pass'), result('warn', 'warn')])).toBe('at-risk');
    expect(verdictOf([result('pass'), result('error')])).toBe('at-risk');
    expect(scoreOf([result('error')])).toBe(0);
  });

  it('does not call a run where nothing could be checked ready', () => {
    expect(verdictOf([result('skip'), result('skip')])).toBe('at-risk');
    expect(scoreOf([result('skip')])).toBe(0);
  });
});
