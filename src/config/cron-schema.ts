import { z } from 'zod';
import { cronProblem, isTimeZone } from '../domain/schedule/cron.js';

/*
 * The cron expression and time zone of both digests and freeze windows: one
 * dialect, one engine (src/domain/schedule/cron.ts), the same refusals and
 * messages under either key.
 */

export const cronExpressionSchema = z
  .string({ error: 'must be a cron expression such as "0 9 * * 1-5" or @daily' })
  .superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const timeZoneSchema = z
  .string({ error: 'must be an IANA time zone such as Europe/Berlin' })
  .refine((zone) => /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isTimeZone(zone), {
    message: 'must be an IANA time zone such as Europe/Berlin',
  })
  .default('UTC');
