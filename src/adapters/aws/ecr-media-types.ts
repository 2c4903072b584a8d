/**
 * Every manifest type shipmate can read, for BatchGetImage's acceptedMediaTypes:
 * without the index types ECR will not hand a multi-platform image over.
 */
export const ACCEPTED_MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];
