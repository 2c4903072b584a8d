import type { Platform } from '../../ports/ecr.port.js';

/** What a manifest says about the platforms it runs on. */
export type ManifestPlatforms =
  /** A manifest list / OCI index: its entries' platforms, attestation entries left out. */
  | { kind: 'index'; platforms: Platform[] }
  /** A single image (Docker v2 schema 2, OCI): the platform is in the config blob. */
  | { kind: 'image'; configDigest: string }
  /** Docker v2 schema 1 carries its architecture in the manifest itself. */
  | { kind: 'inline'; platform: Platform };

interface PlatformFields {
  os?: unknown;
  architecture?: unknown;
  variant?: unknown;
}

interface IndexEntry {
  platform?: PlatformFields;
  annotations?: Record<string, unknown>;
}

interface ManifestJson {
  schemaVersion?: unknown;
  manifests?: IndexEntry[];
  config?: { digest?: unknown };
  architecture?: unknown;
}

export function readManifestPlatforms(manifestText: string): ManifestPlatforms {
  const manifest = parseObject(manifestText, 'manifest') as ManifestJson;
  if (Array.isArray(manifest.manifests)) {
    const platforms = manifest.manifests.filter((entry) => !isAttestation(entry)).map((entry) => formatPlatform(entry.platform ?? {}));
    return { kind: 'index', platforms: [...new Set(platforms.filter((p): p is Platform => p !== undefined))] };
  }
  if (typeof manifest.config?.digest === 'string') return { kind: 'image', configDigest: manifest.config.digest };
  if (manifest.schemaVersion === 1 && typeof manifest.architecture === 'string') {
    // Schema 1 has no os field; every schema 1 image is a Linux one.
    return { kind: 'inline', platform: `linux/${manifest.architecture}` };
  }
  throw new Error('the manifest is neither an index, an image manifest nor a schema 1 manifest');
}

/** The os/architecture[/variant] of an image config blob. */
export function platformOfConfig(configText: string): Platform {
  const platform = formatPlatform(parseObject(configText, 'image config') as PlatformFields);
  if (!platform) throw new Error('the image config names no os and architecture');
  return platform;
}

/** BuildKit's provenance and SBOM entries: platform unknown/unknown, marked as attestation manifests. */
function isAttestation(entry: IndexEntry): boolean {
  if (entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return entry.platform?.os === 'unknown' && entry.platform.architecture === 'unknown';
}

function formatPlatform({ os, architecture, variant }: PlatformFields): Platform | undefined {
  if (typeof os !== 'string' || typeof architecture !== 'string' || !os || !architecture) return undefined;
  return typeof variant === 'string' && variant ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`;
}

function parseObject(text: string, what: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the ${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`the ${what} is not a JSON object`);
  return value;
}
