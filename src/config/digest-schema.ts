import { z } from 'zod';
import { cronExpressionSchema, timeZoneSchema } from './schedule-fields.js';

/*
 * An environment's scheduled digest (SPEC §2, issue 6):
 *   digest: { schedule: "0 9 * * 1-5", timezone: Europe/Berlin, channel: C0RELEASES }
 * Checked at start-up, so a bad expression or zone is a clear config error
 * naming the key instead of a digest that silently never posts. The same
 * cron dialect as freeze windows (schedule-fields.ts).
 */

export const digestSchema = z.strictObject({
  /** A cron expression (src/schedule/cron-expression.ts), read in `timezone`. */
  schedule: cronExpressionSchema,
  timezone: timeZoneSchema,
  channel: z
    .string({ error: 'must be a Slack channel id (C… or G…)' })
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id (C… or G…), not a name such as #releases'),
});

export type DigestConfig = z.infer<typeof digestSchema>;
