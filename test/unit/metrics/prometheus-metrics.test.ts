import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../../src/adapters/metrics/prometheus-metrics.js';

describe('createPrometheusMetrics', () => {
  it('given each port call, when rendered, then every series appears with its labels and values', async () => {
    // given
    const { metrics, render } = createPrometheusMetrics();
    // when
    metrics.commandHandled('deploy', 'ok');
    metrics.commandHandled('deploy', 'ok');
    metrics.commandHandled('build', 'refused');
    metrics.approvalDecided('deploy', 'approved');
    metrics.buildFinished('succeeded', 240);
    metrics.rolloutFinished('rolled-back', 75);
    metrics.checkRan('ecr.scan', 'fail', 0.3);
    metrics.slackApiError('chat.postMessage', 'not_in_channel');
    const text = await render();
    // then
    expect(text).toContain('shipmate_commands_total{command="deploy",outcome="ok"} 2');
    expect(text).toContain('shipmate_commands_total{command="build",outcome="refused"} 1');
    expect(text).toContain('shipmate_approval_decisions_total{action="deploy",decision="approved"} 1');
    expect(text).toContain('shipmate_build_duration_seconds_bucket{le="180",outcome="succeeded"} 0');
    expect(text).toContain('shipmate_build_duration_seconds_bucket{le="300",outcome="succeeded"} 1');
    expect(text).toContain('shipmate_build_duration_seconds_sum{outcome="succeeded"} 240');
    expect(text).toContain('shipmate_build_duration_seconds_count{outcome="succeeded"} 1');
    expect(text).toContain('shipmate_rollout_duration_seconds_bucket{le="90",outcome="rolled-back"} 1');
    expect(text).toContain('shipmate_rollout_duration_seconds_count{outcome="rolled-back"} 1');
    expect(text).toContain('shipmate_check_duration_seconds_bucket{le="0.25",check="ecr.scan",status="fail"} 0');
    expect(text).toContain('shipmate_check_duration_seconds_bucket{le="0.5",check="ecr.scan",status="fail"} 1');
    expect(text).toContain('shipmate_check_duration_seconds_count{check="ecr.scan",status="fail"} 1');
    expect(text).toContain('shipmate_slack_api_errors_total{method="chat.postMessage",error="not_in_channel"} 1');
  });

  it('given a new instance, when rendered, then every series has HELP and TYPE lines', async () => {
    const text = await createPrometheusMetrics().render();

    for (const [name, type] of [
      ['shipmate_commands_total', 'counter'],
      ['shipmate_approval_decisions_total', 'counter'],
      ['shipmate_build_duration_seconds', 'histogram'],
      ['shipmate_rollout_duration_seconds', 'histogram'],
      ['shipmate_check_duration_seconds', 'histogram'],
      ['shipmate_slack_api_errors_total', 'counter'],
    ]) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
      expect(text).toContain(`# TYPE ${name} ${type}`);
    }
  });

  it('given the default process metrics, when rendered, then RSS and event loop lag are there', async () => {
    const text = await createPrometheusMetrics().render();

    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('given two instances, when one counts, then the other does not see it', async () => {
    const first = createPrometheusMetrics();
    const second = createPrometheusMetrics();

    first.metrics.commandHandled('verify', 'error');

    expect(await first.render()).toContain('shipmate_commands_total{command="verify",outcome="error"} 1');
    expect(await second.render()).not.toContain('command="verify"');
  });

  it('given a negative or non-finite duration, when observed, then nothing throws and the outcome is counted at 0 s', async () => {
    const { metrics, render } = createPrometheusMetrics();

    metrics.rolloutFinished('succeeded', -2);
    metrics.buildFinished('failed', Number.NaN);

    const text = await render();
    expect(text).toContain('shipmate_rollout_duration_seconds_bucket{le="5",outcome="succeeded"} 1');
    expect(text).toContain('shipmate_build_duration_seconds_sum{outcome="failed"} 0');
    expect(text).toContain('shipmate_build_duration_seconds_count{outcome="failed"} 1');
  });

  it('gives the Prometheus text content type', () => {
    expect(createPrometheusMetrics().contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
