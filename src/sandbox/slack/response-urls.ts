import { randomBytes } from 'node:crypto';

/** Slack's documented limits: a response_url takes up to 5 posts within 30 minutes. */
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** A message a response_url can replace or delete. */
export interface ResponseTarget {
  kind: 'message' | 'ephemeral';
  channel: string;
  ts: string;
}

export interface ResponseUrlGrant {
  id: string;
  channel: string;
  /** Who ran the command (or clicked): ephemeral responses are shown to them. */
  user: string;
  createdAt: number;
  uses: number;
  /** For a button click: the message the button was on. */
  original?: ResponseTarget;
  /** The last message posted through this URL, which replace_original replaces when there is no `original`. */
  lastPost?: ResponseTarget;
}

/** The body Slack answers a refused response_url post with (HTTP 404). */
export type ResponseUrlRefusal = 'Expired url' | 'Used url';

export class ResponseUrls {
  private readonly grants = new Map<string, ResponseUrlGrant>();

  constructor(private readonly now: () => number) {}

  create(channel: string, user: string, original?: ResponseTarget): ResponseUrlGrant {
    const grant: ResponseUrlGrant = { id: randomBytes(12).toString('hex'), channel, user, createdAt: this.now(), uses: 0, original };
    this.grants.set(grant.id, grant);
    return grant;
  }

  get(id: string): ResponseUrlGrant | undefined {
    return this.grants.get(id);
  }

  /** Why a post to this URL is refused now, if it is. */
  refusal(grant: ResponseUrlGrant): ResponseUrlRefusal | undefined {
    if (this.now() - grant.createdAt > RESPONSE_URL_LIFETIME_MS) return 'Expired url';
    if (grant.uses >= RESPONSE_URL_MAX_USES) return 'Used url';
    return undefined;
  }
}
