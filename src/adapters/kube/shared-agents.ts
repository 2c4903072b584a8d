import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/** Distinct TLS settings kept at once (a rotated client certificate is a new set; the oldest is dropped). */
const MAX_AGENTS = 8;
/**
 * Keep-alive as Node's own global agent does it: an idle connection is closed
 * after 5 s, before a server that closes idle connections (Node's default is
 * 5 s) can close it under a new request.
 */
const KEEP_ALIVE = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;

type AgentOptions = Record<string, unknown>;

/**
 * client-node builds a new http(s).Agent for every request (and every
 * watch): no connection is reused, and against an HTTPS API server each
 * connection builds a TLS context, parsing the cluster's CA again, in
 * native memory that only a major GC frees. This hands out one keep-alive
 * agent per distinct set of options instead. Proxy agents are left as
 * client-node built them.
 */
export class SharedAgents {
  private readonly agents = new Map<string, http.Agent>();

  /** The shared agent with the same options as `built`, created on first use. */
  shared(built: http.Agent): http.Agent {
    const kind = built.constructor === https.Agent ? 'https' : built.constructor === http.Agent ? 'http' : undefined;
    if (!kind) return built;
    const options = (built as unknown as { options: AgentOptions }).options;
    const key = `${kind} ${keyOf(options)}`;
    let agent = this.agents.get(key);
    if (!agent) {
      if (this.agents.size >= MAX_AGENTS) this.agents.delete(this.agents.keys().next().value!);
      const settings = { ...options, ...KEEP_ALIVE };
      agent = kind === 'https' ? new https.Agent(settings) : new http.Agent(settings);
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** How many agents are kept (at most MAX_AGENTS). */
  get size(): number {
    return this.agents.size;
  }
}

/** A digest of every option that is set (requests and watches leave different ones unset), in a stable order, Buffers (a CA, a client key) by content: no key material is kept as a map key. */
function keyOf(options: AgentOptions): string {
  const text = JSON.stringify(
    Object.keys(options)
      .filter((name) => options[name] !== undefined && options[name] !== null)
      .sort()
      .map((name) => {
        const value = options[name];
        return [name, Buffer.isBuffer(value) ? value.toString('base64') : value];
      }),
  );
  return createHash('sha256').update(text).digest('base64');
}
