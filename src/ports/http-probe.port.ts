export interface ProbeResult {
  /** HTTP status, undefined when no response arrived. */
  status?: number;
  latencyMs: number;
  /** One line saying why no response arrived (refused, timed out, TLS failure, ...). */
  error?: string;
}

export interface HttpProbePort {
  get(url: string, options: { timeoutMs: number }): Promise<ProbeResult>;
}
