import { z } from 'zod';
import { parseVersion } from '../src/domain/version.js';

/** Argument schemas shared by several commands. */

export const nameArgument = (what: string) =>
  z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, `${what} is a lowercase name such as ${what === 'an environment' ? 'staging' : 'backend'}`);

export const environmentArgument = nameArgument('an environment');

export const versionArgument = z
  .string({ error: (issue) => (issue.input === undefined ? 'a version is required, e.g. 1.1.0 or v1.1.0' : 'a version must be text') })
  .transform((input, ctx) => {
    const parsed = parseVersion(input);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.reason });
      return z.NEVER;
    }
    return parsed.version;
  });
