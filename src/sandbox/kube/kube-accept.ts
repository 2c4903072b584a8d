/**
 * Content negotiation on the Accept header. Besides plain JSON, the API server
 * can answer with metadata only (`as=PartialObjectMetadata`), which is how a
 * client learns a Secret exists without receiving its data.
 */
export type KubeRepresentation = 'object' | 'metadata';

export const ACCEPTED_MEDIA_TYPES = [
  'application/json',
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
] as const;

/** The first representation the client accepts, in its order; undefined when none can be served (406). */
export function negotiate(accept: string | undefined, collection: boolean): KubeRepresentation | undefined {
  if (!accept || accept.trim() === '') return 'object';
  for (const range of accept.split(',')) {
    const [mediaType = '', ...parameterTexts] = range.split(';').map((p) => p.trim().toLowerCase());
    const parameters = new Map(parameterTexts.map((p) => p.split('=', 2) as [string, string]));
    if (parameters.get('q') === '0') continue;
    if (!['application/json', 'application/*', '*/*'].includes(mediaType)) continue;
    const as = parameters.get('as');
    if (as === undefined) return 'object';
    const metadataKind = collection ? 'partialobjectmetadatalist' : 'partialobjectmetadata';
    if (as === metadataKind && parameters.get('g') === 'meta.k8s.io' && parameters.get('v') === 'v1') return 'metadata';
  }
  return undefined;
}
