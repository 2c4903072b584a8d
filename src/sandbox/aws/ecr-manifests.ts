import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { WorldImage, WorldRepository } from '../world.js';
import { MEDIA_TYPES } from './ecr-media-types.js';

/** A manifest as ECR stores it: addressed by the sha256 of its exact bytes. */
export interface StoredManifest {
  digest: string;
  mediaType: string;
  /** The JSON text served; its sha256 is `digest`. */
  text: string;
  /** The config blob's media type (DescribeImages' artifactMediaType); absent for an index. */
  configMediaType?: string;
  tags: string[];
  sizeBytes: number;
  pushedAt?: string;
  /** The world image this manifest is, or belongs to (an index's platform and attestation manifests). */
  image: WorldImage;
  /** True for the manifest the world image's tags point at; false for the manifests an index refers to. */
  isRoot: boolean;
}

export interface RepositoryContent {
  manifests: StoredManifest[];
  /** Config and layer blobs by digest, as GetDownloadUrlForLayer finds them. */
  blobs: Map<string, Buffer>;
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

interface Platform {
  architecture: string;
  os: string;
  variant?: string;
}

const memo = new Map<string, RepositoryContent>();
const MEMO_LIMIT = 256;

/**
 * The manifests and blobs of a repository, generated deterministically from
 * the world: the same world image always yields the same digests. Kind
 * `manifest` is one Docker v2 schema 2 image; kind `index` is an OCI index of
 * one OCI image manifest per platform and, with `attestations`, one BuildKit
 * attestation manifest per platform.
 */
export function repositoryContent(repository: WorldRepository): RepositoryContent {
  const key = JSON.stringify(repository);
  const cached = memo.get(key);
  if (cached) return cached;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const content = generateRepositoryContent(repository);
  memo.set(key, content);
  return content;
}

/** The same, without the memo. */
export function generateRepositoryContent(repository: WorldRepository): RepositoryContent {
  const blobs = new Map<string, Buffer>();
  const manifests: StoredManifest[] = [];
  const addBlob = (mediaType: string, bytes: Buffer): Descriptor => {
    const digest = sha256(bytes);
    blobs.set(digest, bytes);
    return { mediaType, digest, size: bytes.length };
  };
  repository.images.forEach((image, index) => {
    const seed = `${repository.name}#${index}:${image.tags.join(',')}`;
    const common = { tags: tagsHeld(repository, index), sizeBytes: image.sizeBytes, image, ...(image.pushedAt ? { pushedAt: image.pushedAt } : {}) };
    if (image.kind === 'manifest') {
      const platform = parsePlatform(image.platforms[0] ?? 'linux/amd64');
      manifests.push({ ...stored(imageManifest(seed, platform, image, 'docker', addBlob)), ...common, isRoot: true });
      return;
    }
    const platforms = image.platforms.map(parsePlatform);
    const children = platforms.map((p) => imageManifest(seed, p, image, 'oci', addBlob));
    const attestations = image.attestations ? children.map((child) => attestationManifest(child, addBlob)) : [];
    const entries = [
      ...children.map((child, i) => ({ ...descriptor(child), platform: platforms[i] })),
      ...attestations.map((attestation, i) => ({
        ...descriptor(attestation),
        annotations: { 'vnd.docker.reference.digest': children[i]?.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      })),
    ];
    const text = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: entries });
    manifests.push({ digest: sha256(text), mediaType: MEDIA_TYPES.ociIndex, text, ...common, isRoot: true });
    const childSize = Math.round(image.sizeBytes / Math.max(1, children.length));
    const untagged = { tags: [], image, isRoot: false, ...(image.pushedAt ? { pushedAt: image.pushedAt } : {}) };
    for (const child of children) manifests.push({ ...stored(child), ...untagged, sizeBytes: childSize });
    for (const attestation of attestations) manifests.push({ ...stored(attestation), ...untagged, sizeBytes: attestation.size });
  });
  return { manifests, blobs };
}

/**
 * A tag names one image: when a later image of the world carries it too (a
 * version built again), the later one holds it and the earlier image keeps its
 * digests but loses the tag.
 */
function tagsHeld(repository: WorldRepository, index: number): string[] {
  const later = new Set(repository.images.slice(index + 1).flatMap((image) => image.tags));
  return repository.images[index]!.tags.filter((tag) => !later.has(tag));
}

interface GeneratedManifest extends Descriptor {
  text: string;
  configMediaType: string;
}

function imageManifest(
  seed: string,
  platform: Platform,
  image: WorldImage,
  flavour: 'docker' | 'oci',
  addBlob: (mediaType: string, bytes: Buffer) => Descriptor,
): GeneratedManifest {
  const media =
    flavour === 'docker'
      ? { manifest: MEDIA_TYPES.dockerManifest, config: MEDIA_TYPES.dockerConfig, layer: MEDIA_TYPES.dockerLayer }
      : { manifest: MEDIA_TYPES.ociManifest, config: MEDIA_TYPES.ociConfig, layer: MEDIA_TYPES.ociLayer };
  const uncompressed = Buffer.from(`sandbox layer of ${seed} for ${formatPlatform(platform)}\n`);
  const layer = addBlob(media.layer, gzipSync(uncompressed));
  const config = addBlob(
    media.config,
    Buffer.from(
      JSON.stringify({
        ...platform,
        ...(image.pushedAt ? { created: image.pushedAt } : {}),
        config: {},
        rootfs: { type: 'layers', diff_ids: [sha256(uncompressed)] },
      }),
    ),
  );
  return manifest(media.manifest, config, [layer]);
}

/** What BuildKit pushes next to each platform image: an in-toto provenance statement about it. */
function attestationManifest(subject: Descriptor, addBlob: (mediaType: string, bytes: Buffer) => Descriptor): GeneratedManifest {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject: [{ name: '_', digest: { sha256: subject.digest.slice('sha256:'.length) } }],
      predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' },
    }),
  );
  const layer = {
    ...addBlob(MEDIA_TYPES.inToto, statement),
    annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
  };
  const config = addBlob(
    MEDIA_TYPES.ociConfig,
    Buffer.from(
      JSON.stringify({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(statement)] } }),
    ),
  );
  return manifest(MEDIA_TYPES.ociManifest, config, [layer]);
}

function manifest(mediaType: string, config: Descriptor, layers: Descriptor[]): GeneratedManifest {
  const text = JSON.stringify({ schemaVersion: 2, mediaType, config, layers });
  return { mediaType, digest: sha256(text), size: Buffer.byteLength(text), text, configMediaType: config.mediaType };
}

function stored({ digest, mediaType, text, configMediaType }: GeneratedManifest) {
  return { digest, mediaType, text, configMediaType };
}

function descriptor({ mediaType, digest, size }: Descriptor): Descriptor {
  return { mediaType, digest, size };
}

function parsePlatform(platform: string): Platform {
  const [os = 'linux', architecture = 'amd64', variant] = platform.split('/');
  return { architecture, os, ...(variant ? { variant } : {}) };
}

function formatPlatform({ os, architecture, variant }: Platform): string {
  return [os, architecture, variant].filter(Boolean).join('/');
}

function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
