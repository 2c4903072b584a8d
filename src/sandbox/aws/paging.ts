export interface Page<T> {
  items: T[];
  /** Absent on the last page, as AWS leaves it out. */
  nextToken?: string;
}

export interface PageRequest {
  nextToken?: string;
  pageSize: number;
  /**
   * What the listing is of (operation and filters). A token only continues
   * the listing it came from; anything else is an invalid token.
   */
  scope: string;
}

interface TokenContent {
  scope: string;
  offset: number;
}

/**
 * One page of a list and an opaque token for the next. Throws `invalidToken()`
 * for a token this listing did not hand out.
 */
export function pageOf<T>(items: readonly T[], request: PageRequest, invalidToken: () => Error): Page<T> {
  const offset = request.nextToken === undefined ? 0 : decode(request.nextToken, request.scope, invalidToken);
  const end = offset + request.pageSize;
  const page: Page<T> = { items: items.slice(offset, end) };
  if (end < items.length) page.nextToken = encode({ scope: request.scope, offset: end });
  return page;
}

function encode(content: TokenContent): string {
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

function decode(token: string, scope: string, invalidToken: () => Error): number {
  let content: Partial<TokenContent>;
  try {
    content = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenContent>;
  } catch {
    throw invalidToken();
  }
  if (content.scope !== scope || !Number.isInteger(content.offset) || (content.offset ?? -1) < 0) throw invalidToken();
  return content.offset as number;
}
