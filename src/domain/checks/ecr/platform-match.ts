import type { Platform } from '../../../ports/ecr.port.js';

interface ParsedPlatform {
  os: string;
  architecture: string;
  variant?: string;
}

/** Variants that an image without one has implicitly (as containerd normalises them). */
const DEFAULT_VARIANTS: Record<string, string> = { arm64: 'v8' };

/**
 * Whether an image platform can serve the required one: same os and
 * architecture, and the same variant when the requirement names one
 * (linux/arm64 serves linux/arm64/v8).
 */
export function platformMatches(required: Platform, offered: Platform): boolean {
  const want = parsePlatform(required);
  const have = parsePlatform(offered);
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  if (!want.variant) return true;
  return want.variant === (have.variant ?? DEFAULT_VARIANTS[have.architecture]);
}

function parsePlatform(platform: Platform): ParsedPlatform {
  const parts = platform.toLowerCase().split('/');
  // Stryker disable next-line StringLiteral: split() always yields the os, and a missing architecture meets only another default: any placeholder no platform spells behaves alike
  const [os = '', architecture = '', variant] = parts;
  return { os, architecture, ...(variant ? { variant } : {}) };
}
