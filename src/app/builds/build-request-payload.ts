import type { BuildPayload } from '../../domain/builds/build-payload.js';

export interface PreflightLine {
  status: 'pass' | 'warn' | 'fail' | 'error' | 'skip';
  text: string;
}

/** The approval card's fixed content, stored with the request so the card can be drawn again after any decision or restart. */
export interface BuildCardContent {
  title: string;
  changes: string[];
  preflight: PreflightLine[];
  policyLine: string;
  protected: boolean;
}

export type BuildRequestPayload = BuildPayload & { card: BuildCardContent };
