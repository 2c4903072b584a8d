import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRepositoryContent, repositoryContent } from '../../../src/sandbox/aws/ecr-manifests.js';
import type { WorldRepository } from '../../../src/sandbox/world.js';

const sha256 = (bytes: string | Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const repository: WorldRepository = {
  name: 'shop/backend',
  scanOnPush: true,
  images: [
    { tags: ['1.1.0', 'latest'], kind: 'index', platforms: ['linux/amd64', 'linux/arm64'], attestations: true, sizeBytes: 100, pushedAt: '2026-11-20T09:06:00Z' },
    { tags: ['arm'], kind: 'manifest', platforms: ['linux/arm64/v8'], sizeBytes: 50 },
  ],
};

describe('repositoryContent', () => {
  it('given a world repository, when its content is generated, then every digest is the sha256 of the bytes served', () => {
    const { manifests, blobs } = repositoryContent(repository);

    for (const manifest of manifests) expect(manifest.digest).toBe(sha256(manifest.text));
    for (const [digest, bytes] of blobs) expect(digest).toBe(sha256(bytes));
  });

  it('given the same repository twice, when generated afresh, then the digests are the same', () => {
    const first = generateRepositoryContent(repository);
    const second = generateRepositoryContent(structuredClone(repository));

    expect(second.manifests.map((m) => m.digest)).toEqual(first.manifests.map((m) => m.digest));
    expect([...second.blobs.keys()]).toEqual([...first.blobs.keys()]);
  });

  it('given two images of different platforms, when generated, then their digests differ', () => {
    const { manifests } = generateRepositoryContent(repository);

    expect(new Set(manifests.map((m) => m.digest)).size).toBe(manifests.length);
  });

  it('given an index with attestations, when generated, then it lists each platform and one attestation per platform pointing at it', () => {
    const { manifests } = repositoryContent(repository);
    const index = manifests.find((m) => m.tags.includes('1.1.0'));
    const entries = JSON.parse(index?.text ?? '{}').manifests as { digest: string; platform: unknown; annotations?: Record<string, string> }[];

    expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(entries.map((e) => e.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
      { architecture: 'unknown', os: 'unknown' },
      { architecture: 'unknown', os: 'unknown' },
    ]);
    expect(entries[2]?.annotations).toEqual({ 'vnd.docker.reference.digest': entries[0]?.digest, 'vnd.docker.reference.type': 'attestation-manifest' });
    for (const entry of entries) expect(manifests.some((m) => m.digest === entry.digest && m.tags.length === 0)).toBe(true);
  });

  it('given a single-image manifest, when generated, then its config blob names the platform, variant included', () => {
    const { manifests, blobs } = repositoryContent(repository);
    const manifest = manifests.find((m) => m.tags.includes('arm'));
    const configDigest = JSON.parse(manifest?.text ?? '{}').config.digest as string;

    expect(manifest?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    expect(JSON.parse(blobs.get(configDigest)?.toString('utf8') ?? '{}')).toMatchObject({ architecture: 'arm64', os: 'linux', variant: 'v8' });
  });
});
