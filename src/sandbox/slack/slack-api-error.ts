/** A Web API error: answered as HTTP 200 `{ ok: false, error, ...details }`, as Slack does. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
  }
}
