export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpResponse {
  /** Undefined when no response arrived. */
  status?: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  /** From sending the request to the end of the body (or to the failure). */
  latencyMs: number;
  /** One line saying why no response arrived (refused, timed out, TLS failure, ...). */
  error?: string;
}

/** One HTTP exchange, redirects not followed; a network failure is a result, not an exception. */
export interface HttpClientPort {
  request(input: HttpRequest): Promise<HttpResponse>;
}
