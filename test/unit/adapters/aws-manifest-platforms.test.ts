import { describe, expect, it } from 'vitest';
import { platformOfConfig, readManifestPlatforms } from '../../../src/adapters/aws/manifest-platforms.js';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('readManifestPlatforms', () => {
  it('given a BuildKit OCI index with attestation entries, when read, then only the image platforms are listed', () => {
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(1), size: 1, platform: { architecture: 'amd64', os: 'linux' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(2), size: 1, platform: { architecture: 'arm64', os: 'linux' } },
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: digest(3),
          size: 1,
          annotations: { 'vnd.docker.reference.digest': digest(1), 'vnd.docker.reference.type': 'attestation-manifest' },
          platform: { architecture: 'unknown', os: 'unknown' },
        },
      ],
    };

    expect(readManifestPlatforms(JSON.stringify(index))).toEqual({ kind: 'index', platforms: ['linux/amd64', 'linux/arm64'] });
  });

  it('given a Docker manifest list with variants and a repeated platform, when read, then variants are kept and repeats dropped', () => {
    const list = {
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [
        { digest: digest(1), platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
        { digest: digest(2), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
        { digest: digest(4), platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
        { digest: digest(5), platform: { architecture: 'amd64', os: 'windows', 'os.version': '10.0.17763.1' } },
      ],
    };

    expect(readManifestPlatforms(JSON.stringify(list))).toEqual({
      kind: 'index',
      platforms: ['linux/arm/v7', 'linux/arm64/v8', 'windows/amd64'],
    });
  });

  it('given an unknown/unknown entry without annotations, when read, then it is still left out', () => {
    const index = { manifests: [{ digest: digest(1), platform: { architecture: 'unknown', os: 'unknown' } }] };

    expect(readManifestPlatforms(JSON.stringify(index))).toEqual({ kind: 'index', platforms: [] });
  });

  it('given a single-image manifest, when read, then the config digest to look the platform up in comes back', () => {
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 7, digest: digest(7) },
      layers: [],
    };

    expect(readManifestPlatforms(JSON.stringify(manifest))).toEqual({ kind: 'image', configDigest: digest(7) });
  });

  it('given a schema 1 manifest, when read, then its architecture is the platform', () => {
    const manifest = { schemaVersion: 1, name: 'shop/old', tag: '0.1', architecture: 'amd64', fsLayers: [] };

    expect(readManifestPlatforms(JSON.stringify(manifest))).toEqual({ kind: 'inline', platform: 'linux/amd64' });
  });

  it.each([
    ['not JSON', 'the manifest is not valid JSON'],
    ['[1,2]', 'the manifest is not a JSON object'],
    ['{"schemaVersion":2}', 'the manifest is neither an index, an image manifest nor a schema 1 manifest'],
  ])('given %s, when read, then it throws saying why', (text, message) => {
    expect(() => readManifestPlatforms(text)).toThrow(message);
  });
});

describe('platformOfConfig', () => {
  it('given an image config with a variant, when read, then os/architecture/variant comes back', () => {
    const config = { architecture: 'arm64', os: 'linux', variant: 'v8', config: {}, rootfs: { type: 'layers', diff_ids: [] } };

    expect(platformOfConfig(JSON.stringify(config))).toBe('linux/arm64/v8');
  });

  it('given an image config without a variant, when read, then os/architecture comes back', () => {
    expect(platformOfConfig('{"architecture":"amd64","os":"linux"}')).toBe('linux/amd64');
  });

  it('given a config naming no os, when read, then it throws', () => {
    expect(() => platformOfConfig('{"architecture":"amd64"}')).toThrow('the image config names no os and architecture');
  });
});
