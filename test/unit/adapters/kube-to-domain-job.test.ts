import type { V1Job } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { toJob, toJobManifest } from '../../../src/adapters/kube/to-domain-job.js';
import { jobPodSelector, type JobRequest } from '../../../src/ports/cluster-jobs.port.js';

const IMAGE = 'repo/backend@sha256:' + 'a'.repeat(64);

function job(overrides: Partial<V1Job> = {}): V1Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate-2-0-0', namespace: 'shop-staging', uid: 'u-1', resourceVersion: '7', labels: { release: '2.0.0' }, annotations: { note: 'x' } },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: IMAGE }] } } },
    ...overrides,
  };
}

describe('toJob', () => {
  it('given a Job the API wrote with its zero counts and defaults left out, when mapped, then counts read 0 and the spec has Kubernetes defaults', () => {
    // when
    const mapped = toJob(job({ status: { ready: 0 } }));

    // then
    expect(mapped).toEqual({
      name: 'migrate-2-0-0',
      namespace: 'shop-staging',
      uid: 'u-1',
      resourceVersion: '7',
      labels: { release: '2.0.0' },
      annotations: { note: 'x' },
      spec: { completions: 1, parallelism: 1, backoffLimit: 6, images: [IMAGE] },
      status: { active: 0, ready: 0, succeeded: 0, failed: 0, conditions: [] },
    });
  });

  it('given a failed Job from a typed call (dates as Date), when mapped, then counts, times and conditions come through as ISO 8601', () => {
    // given
    const at = new Date('2026-12-06T08:00:00Z');
    const failed = job({
      spec: { backoffLimit: 2, activeDeadlineSeconds: 600, completions: 1, parallelism: 1, template: { spec: { containers: [{ name: 'migrate', image: IMAGE }] } } },
      status: {
        failed: 3,
        startTime: at,
        conditions: [
          { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: at },
          { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', lastTransitionTime: at },
        ],
      },
    });

    // when
    const mapped = toJob(failed);

    // then
    expect(mapped.spec).toEqual({ completions: 1, parallelism: 1, backoffLimit: 2, activeDeadlineSeconds: 600, images: [IMAGE] });
    expect(mapped.status).toEqual({
      active: 0,
      ready: 0,
      succeeded: 0,
      failed: 3,
      startTime: '2026-12-06T08:00:00.000Z',
      conditions: [
        { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', at: '2026-12-06T08:00:00.000Z' },
        { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', at: '2026-12-06T08:00:00.000Z' },
      ],
    });
  });

  it('given a completed Job from a watch event (dates as strings, empty reason), when mapped, then the strings are kept and the empty fields left out', () => {
    // given
    const raw = job({
      status: {
        succeeded: 1,
        startTime: '2026-12-06T08:00:00Z' as unknown as Date,
        completionTime: '2026-12-06T08:00:05Z' as unknown as Date,
        conditions: [{ type: 'Complete', status: 'True', reason: '', message: '', lastTransitionTime: '2026-12-06T08:00:05Z' as unknown as Date }],
      },
    });

    // when
    const mapped = toJob(raw);

    // then
    expect(mapped.status).toEqual({
      active: 0,
      ready: 0,
      succeeded: 1,
      failed: 0,
      startTime: '2026-12-06T08:00:00Z',
      completionTime: '2026-12-06T08:00:05Z',
      conditions: [{ type: 'Complete', status: 'True', at: '2026-12-06T08:00:05Z' }],
    });
  });

  it('given a Job with no metadata or spec at all, when mapped, then it reads as empty rather than failing', () => {
    expect(toJob({})).toMatchObject({ name: '', namespace: '', uid: '', labels: {}, annotations: {}, spec: { images: [] } });
  });
});

describe('toJobManifest', () => {
  const request: JobRequest = {
    name: 'migrate-2-0-0',
    labels: { 'shipmate.dev/release': '2.0.0' },
    podLabels: { app: 'backend-migrate' },
    pod: {
      serviceAccountName: 'backend',
      imagePullSecrets: [{ name: 'registry-pull' }],
      containers: [{ name: 'migrate', image: IMAGE, command: ['alembic', 'upgrade', 'head'], envFrom: [{ secretRef: { name: 'backend-env' } }] }],
    },
    backoffLimit: 1,
    activeDeadlineSeconds: 900,
    ttlSecondsAfterFinished: 86_400,
  };

  it('given a migration request, when made a manifest, then a batch/v1 Job with restartPolicy Never carries every field asked for', () => {
    expect(toJobManifest('shop-staging', request)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate-2-0-0', namespace: 'shop-staging', labels: { 'shipmate.dev/release': '2.0.0' } },
      spec: {
        backoffLimit: 1,
        activeDeadlineSeconds: 900,
        ttlSecondsAfterFinished: 86_400,
        template: {
          metadata: { labels: { app: 'backend-migrate' } },
          spec: {
            serviceAccountName: 'backend',
            imagePullSecrets: [{ name: 'registry-pull' }],
            containers: [{ name: 'migrate', image: IMAGE, command: ['alembic', 'upgrade', 'head'], envFrom: [{ secretRef: { name: 'backend-env' } }] }],
            restartPolicy: 'Never',
          },
        },
      },
    });
  });

  it('given a request with only a name and a container, when made a manifest, then nothing optional is sent and Kubernetes defaults apply', () => {
    const manifest = toJobManifest('ns', { name: 'm', pod: { containers: [{ name: 'c', image: IMAGE }] } });
    expect(manifest.metadata).toEqual({ name: 'm', namespace: 'ns' });
    expect(manifest.spec).toEqual({ template: { spec: { containers: [{ name: 'c', image: IMAGE }], restartPolicy: 'Never' } } });
  });

  it("given the request's objects, when the manifest is changed, then the request is not", () => {
    const manifest = toJobManifest('shop-staging', request);
    manifest.metadata!.labels!.extra = 'y';
    manifest.spec!.template.spec!.containers[0]!.image = 'other';
    expect(request.labels).toEqual({ 'shipmate.dev/release': '2.0.0' });
    expect(request.pod.containers[0]!.image).toBe(IMAGE);
  });
});

describe('jobPodSelector', () => {
  it('selects by the job-name label the API server puts on every pod of the Job', () => {
    expect(jobPodSelector('migrate-2-0-0')).toEqual({ 'batch.kubernetes.io/job-name': 'migrate-2-0-0' });
  });
});
