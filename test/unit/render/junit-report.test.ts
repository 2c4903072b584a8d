import { describe, expect, it } from 'vitest';
import { renderJunitReport } from '../../../src/render/junit-report.js';
import { parseJunit } from '../../support/junit-xml.js';
import { checkResult as check, readinessReport as report } from '../../support/readiness-report.js';

describe('renderJunitReport', () => {
  it('makes a testsuite per service and a testcase per check, with failure, error and skipped elements', () => {
    // given
    const checks = [
      check('codebuild.project', 'backend', 'pass'),
      check('ecr.tag', 'backend', 'fail', 'tag 1.2.0 not in shop/backend', 'push it'),
      check('k8s.rollout', 'backend', 'error', 'cluster unreachable', 'check the endpoint'),
      check('http.health', 'frontend', 'skip', 'no healthUrl configured'),
      check('ecr.scan-on-push', 'frontend', 'warn', 'scan on push is off', 'turn it on'),
    ];
    // when
    const doc = parseJunit(renderJunitReport(report(checks)));
    // then
    expect(doc.testsuites).toMatchObject({ tests: '5', failures: '1', errors: '1', skipped: '1' });
    const [backend, frontend] = doc.testsuites.testsuite;
    expect(backend).toMatchObject({ name: 'staging/backend', tests: '3', failures: '1', errors: '1', skipped: '0' });
    expect(frontend).toMatchObject({ name: 'staging/frontend', tests: '2', failures: '0', errors: '0', skipped: '1' });
    expect(backend!.testcase.map((c) => c.name)).toEqual(['codebuild.project', 'ecr.tag', 'k8s.rollout']);
    expect(backend!.testcase[0]).toEqual({ name: 'codebuild.project', classname: 'shipmate.staging.backend', time: '0.120' });
    expect(backend!.testcase[1]!.failure).toEqual({ message: 'tag 1.2.0 not in shop/backend', type: 'fail', '#text': 'tag 1.2.0 not in shop/backend\nfix: push it' });
    expect(backend!.testcase[2]!.error).toMatchObject({ message: 'cluster unreachable', type: 'error' });
    expect(frontend!.testcase[0]!.skipped).toEqual({ message: 'no healthUrl configured' });
    expect(frontend!.testcase[1]).not.toHaveProperty('failure');
    expect(frontend!.testcase[1]!['system-out']).toBe('WARN scan on push is off\nfix: turn it on');
    expect(backend!.properties.property).toContainEqual({ name: 'verdict', value: 'blocked' });
    expect(backend!.properties.property).toContainEqual({ name: 'score', value: '61' });
  });

  it('carries hostile text intact as data: markup, quotes, control characters and half surrogate pairs', () => {
    // given: a finding as an upstream error might word it
    const finding = `<script>&"quoted" 'x' ]]> \u0007bell \ud800 </failure>`;
    // when
    const doc = parseJunit(renderJunitReport(report([check('ecr.tag', 'backend', 'fail', finding)])));
    // then: still one testcase whose message is the text, minus what XML cannot hold
    const testcase = doc.testsuites.testsuite[0]!.testcase;
    expect(testcase).toHaveLength(1);
    expect(testcase[0]!.failure!.message).toBe(`<script>&"quoted" 'x' ]]> \ufffdbell \ufffd </failure>`);
  });
});
