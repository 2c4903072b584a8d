import { z } from 'zod';
import { cronExpressionSchema, timeZoneSchema } from './cron-schema.js';

/*
 * An environment's scheduled digest (SPEC §2, issue 6):
 *   digest: { schedule: "0 9 * * 1-5", timezone: Europe/Berlin, channel: C0RELEASES }
 * Checked at start-up, so a bad expression or zone is a clear config error
 * naming the key instead of a digest that silently never posts. The cron
 * dialect and its checks are those of freeze windows (one engine).
 */

export const digestSchema = z.strictObject({
  /** Cron expression (five fields or a nickname such as @daily), read in `timezone`. */
  schedule: cronExpressionSchema,
  timezone: timeZoneSchema,
  channel: z
    .string({ error: 'must be a Slack channel id (C… or G…)' })
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id (C… or G…), not a name such as #releases'),
});

export type DigestConfig = z.infer<typeof digestSchema>;
