/**
 * A release version as users type it ("v1.1.0", "1.1.0", "2024.06.1-rc1").
 * It ends up in image tags and git refs, so it must be a valid Docker tag.
 */
const TAG_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export type VersionResult = { ok: true; version: string } | { ok: false; reason: string };

export function parseVersion(input: string): VersionResult {
  const trimmed = input.trim();
  const version = /^v\d/.test(trimmed) ? trimmed.slice(1) : trimmed;
  if (!TAG_SAFE.test(version)) {
    return {
      ok: false,
      reason: `"${input}" is not a valid version: use letters, digits, '.', '_' and '-' (at most 128, not starting with '.' or '-'), e.g. 1.1.0 or v1.1.0`,
    };
  }
  return { ok: true, version };
}

export function fillVersion(template: string, version: string): string {
  return template.replaceAll('{version}', version);
}
