import { describe, expect, it } from 'vitest';
import { negotiate } from '../../../src/sandbox/kube/kube-accept.js';

describe('negotiate', () => {
  it('given no Accept header or plain JSON, when negotiating, then the full object is served', () => {
    expect(negotiate(undefined, false)).toBe('object');
    expect(negotiate('application/json, */*;q=0.8', false)).toBe('object');
    expect(negotiate('*/*', true)).toBe('object');
  });

  it('given PartialObjectMetadata is asked first, when negotiating, then metadata only is served', () => {
    expect(negotiate('application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1', false)).toBe('metadata');
    expect(negotiate('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', true)).toBe('metadata');
  });

  it('given kubectl asks for a Table with a JSON fallback, when negotiating, then it falls back to the full object', () => {
    expect(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json', true)).toBe('object');
  });

  it('given only representations the sandbox cannot serve, when negotiating, then nothing is acceptable', () => {
    expect(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io', true)).toBeUndefined();
    expect(negotiate('application/vnd.kubernetes.protobuf', false)).toBeUndefined();
    expect(negotiate('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', false)).toBeUndefined();
  });
});
