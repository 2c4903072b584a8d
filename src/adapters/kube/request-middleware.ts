import type { Middleware, RequestContext, ResponseContext } from '@kubernetes/client-node';

const passThrough = async (response: ResponseContext): Promise<ResponseContext> => response;

// client-node reverses its middleware array in place on each call, so these must not depend on their order.

/** Aborts a request that has no complete answer within `timeoutMs`. */
export function requestTimeout(timeoutMs: number): Middleware {
  return {
    pre: async (request: RequestContext) => {
      request.setSignal(AbortSignal.timeout(timeoutMs));
      return request;
    },
    post: passThrough,
  };
}

/** Names shipmate in the User-Agent header, as it shows in the API server's audit log. */
export function userAgent(value: string): Middleware {
  return {
    pre: async (request: RequestContext) => {
      request.setHeaderParam('User-Agent', value);
      return request;
    },
    post: passThrough,
  };
}

/**
 * Asks for metadata only (PartialObjectMetadata), so that reading a Secret to
 * learn whether it exists does not bring its data over the wire. Plain JSON
 * stays acceptable for a proxy in front of the API server that cannot do it.
 */
export function metadataOnly(): Middleware {
  return {
    pre: async (request: RequestContext) => {
      request.setHeaderParam('Accept', 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json');
      return request;
    },
    post: passThrough,
  };
}
