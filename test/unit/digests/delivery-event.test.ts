import { describe, expect, it } from 'vitest';
import { parseDeliveryEvents, versionOfBuildTitle, versionOfDeployDetail, versionOfSourceVersion } from '../../../src/domain/digests/delivery-event.js';
import { median } from '../../../src/domain/digests/median.js';
import { parseRunSubject } from '../../../src/domain/digests/run-subject.js';
import { buildRequested, buildStarted, commandRefused, deploySucceeded } from './audit-history.js';

describe('reading delivery events out of today\'s audit strings', () => {
  it('splits a run id at the first dash, keeping dashes in the service name', () => {
    expect(parseRunSubject('b7k2q9-billing-api')).toEqual({ runId: 'b7k2q9-billing-api', requestId: 'b7k2q9', service: 'billing-api' });
    expect(parseRunSubject('b7k2q9')).toBeUndefined();
    expect(parseRunSubject(undefined)).toBeUndefined();
  });

  it('reads versions from build titles, default source refs and deploy details', () => {
    expect(versionOfBuildTitle('Build 2024.06.1-rc1 of api, web in staging')).toBe('2024.06.1-rc1');
    expect(versionOfSourceVersion('api-build refs/tags/v1.2.3 → api-build:9 (request b7k2q9)')).toBe('1.2.3');
    // a custom template is not guessed at
    expect(versionOfSourceVersion('api-build release/1.2.3 → api-build:9 (request b7k2q9)')).toBeUndefined();
    expect(versionOfDeployDetail('billing-api 1.2.3: rolled out', 'billing-api')).toBe('1.2.3');
    expect(versionOfDeployDetail('web 1.2.3: rolled out', 'api')).toBeUndefined();
  });

  it('gives a build the version of its request, and leaves out entries without a subject', () => {
    // given, newest first as recentAudit returns them
    const audit = [
      deploySucceeded('2024-03-01T12:00:00Z', 'd1dddd', 'api', '1.4.0', 'production'),
      commandRefused('2024-03-01T11:00:00Z', 'build'),
      buildStarted('2024-03-01T10:01:00Z', 'b1aaaa', 'api', 'staging', 'refs/heads/main'),
      buildRequested('2024-03-01T10:00:00Z', 'b1aaaa', '1.4.0', ['api'], 'staging'),
    ];

    // when
    const events = parseDeliveryEvents(audit);

    // then: oldest first, the refused command dropped
    expect(events.map((e) => e.kind)).toEqual(['requested', 'build-started', 'deploy-ended']);
    expect(events[1]).toMatchObject({ kind: 'build-started', service: 'api', version: '1.4.0', requestId: 'b1aaaa' });
    expect(events[2]).toMatchObject({ kind: 'deploy-ended', outcome: 'succeeded', version: '1.4.0' });
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
