import { describe, expect, it } from 'vitest';
import { imageRunOf, jobWithDefaults } from '../../../src/sandbox/kube/job-objects.js';
import { validateJob } from '../../../src/sandbox/kube/job-validation.js';

const valid = (overrides: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) => ({
  metadata: { name: 'migrate-2.0.0' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'repo/app:2.0.0' }], ...podSpec } }, ...overrides },
});

describe('validateJob (the API server refusing a Job)', () => {
  it('given a Job with a subdomain name, a container and restartPolicy Never or OnFailure, then nothing is refused', () => {
    expect(validateJob(valid())).toEqual([]);
    expect(validateJob(valid({}, { restartPolicy: 'OnFailure' }))).toEqual([]);
  });

  it.each([
    [{ metadata: {} }, 'metadata.name', 'Required value: name or generateName is required'],
    [{ metadata: { name: 'Migrate' } }, 'metadata.name', expect.stringMatching(/^Invalid value: "Migrate": a lowercase RFC 1123 subdomain/)],
    [{ metadata: { name: '-migrate' } }, 'metadata.name', expect.stringMatching(/^Invalid value: "-migrate"/)],
    [{ metadata: { name: 'a'.repeat(254) } }, 'metadata.name', expect.stringMatching(/must be no more than 253 characters$/)],
  ])('given metadata %j, then %s is refused', (metadata, field, message) => {
    expect(validateJob({ ...valid(), ...metadata })).toEqual([expect.objectContaining({ field, message })]);
  });

  it('given a name of exactly 253 characters, then it is accepted', () => {
    expect(validateJob({ ...valid(), metadata: { name: 'a'.repeat(253) } })).toEqual([]);
  });

  it.each(['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit'])('given a negative or fractional %s, then it must be greater than or equal to 0', (field) => {
    expect(validateJob(valid({ [field]: -1 }))).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: `spec.${field}` }]);
    expect(validateJob(valid({ [field]: 1.5 }))).toHaveLength(1);
    expect(validateJob(valid({ [field]: 0 }))).toEqual([]);
  });

  it('given no containers, then spec.template.spec.containers is required', () => {
    expect(validateJob(valid({}, { containers: [] }))).toEqual([{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' }]);
  });

  it.each([['Always'], [undefined], ['never']])('given restartPolicy %s, then it is refused as an unsupported value', (restartPolicy) => {
    expect(validateJob(valid({}, { restartPolicy }))).toEqual([
      {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: "${restartPolicy ?? 'Always'}": supported values: "OnFailure", "Never"`,
        field: 'spec.template.spec.restartPolicy',
      },
    ]);
  });
});

describe('jobWithDefaults (what the API server stores)', () => {
  it('given a bare Job, then it gets the batch/v1 defaults and a selector on its own uid', () => {
    // when
    const job = jobWithDefaults(valid(), 'shop-staging', '2026-12-06T08:00:00Z');

    // then
    const uid = job.metadata!.uid!;
    expect(job.spec).toMatchObject({ parallelism: 1, completions: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job.metadata).toMatchObject({ name: 'migrate-2.0.0', namespace: 'shop-staging', generation: 1, creationTimestamp: '2026-12-06T08:00:00Z' });
    expect(job.metadata!.labels).toEqual(job.spec.template.metadata!.labels);
    expect(job.status).toEqual({});
  });

  it('given counts and labels of its own, then they are kept', () => {
    const job = jobWithDefaults({ metadata: { name: 'm', labels: { release: '2' } }, spec: { ...valid().spec, backoffLimit: 0, completions: 3, parallelism: 2 } }, 'ns', 'now');
    expect(job.spec).toMatchObject({ backoffLimit: 0, completions: 3, parallelism: 2 });
    expect(job.metadata!.labels).toEqual({ release: '2' });
  });
});

describe('imageRunOf (the world saying how an image runs)', () => {
  const digest = `sha256:${'b'.repeat(64)}`;
  const images = {
    'repo/app:1.0.0': { exitCode: 1 },
    'repo/pinned': { exitCode: 2 },
    [digest]: { exitCode: 3 },
    '2.0.0': { exitCode: 4 },
  };

  it.each([
    ['repo/app:1.0.0', 1],
    [`repo/pinned@${digest.replace('b', 'c')}`, 2],
    [`repo/other@${digest}`, 3],
    ['registry:5000/repo/app:2.0.0', 4],
  ])('given %s, then the entry by reference, without digest, by digest or by tag applies', (image, exitCode) => {
    expect(imageRunOf(image, images).exitCode).toBe(exitCode);
  });

  it('given an image the world does not list, or a key that only an object prototype has, then it runs with the defaults', () => {
    expect(imageRunOf('repo/unknown:9', images)).toEqual({});
    expect(imageRunOf('repo/x:constructor', images)).toEqual({});
    expect(imageRunOf('repo/x:1', undefined)).toEqual({});
  });
});
