import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsHandler } from './aws/aws-handler.js';
import { rdsHandler } from './aws/rds-handler.js';
import { kubeHandler } from './kube/kube-handler.js';
import { stopJobController } from './kube/job-controller.js';
import { stopArgoRolloutController } from './kube/rollout-argo-controller.js';
import { stopRolloutController } from './kube/rollout-controller.js';
import { sendJson, type SandboxHandler } from './sandbox-handler.js';
import { slackHandler } from './slack/slack-handler.js';
import { attachSocketMode } from './slack/socket-mode-server.js';
import { SandboxState } from './sandbox-state.js';
import { discardedResponse, faultCallOf, sendFaultStatus } from './faults.js';
import { webHandler } from './web-handler.js';
import { metricsHandler } from './metrics/metrics-handler.js';
import { selfSignedCertificate } from './self-signed-certificate.js';
import type { World } from './world.js';

export interface SandboxOptions {
  world: World;
  /** 0 (the default) picks a free port. */
  port?: number;
  httpsPort?: number;
}

export interface Sandbox {
  /** http://127.0.0.1:PORT — AWS, Kubernetes, Slack (under /slack/) and plain-HTTP endpoints. */
  url: string;
  /** https://127.0.0.1:PORT — the same handlers behind TLS, with the certificate in `caCertificate`. */
  httpsUrl: string;
  /** PEM of this sandbox's own certificate, made at start (its key stays in memory). */
  caCertificate: string;
  /** The same PEM in a private temporary folder, for a config's http.caFile; removed by close(). */
  caCertificatePath: string;
  state: SandboxState;
  close(): Promise<void>;
}

const HANDLERS: readonly SandboxHandler[] = [awsHandler, rdsHandler, slackHandler, kubeHandler, metricsHandler, webHandler];

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const state = new SandboxState(structuredClone(options.world));
  const handle = (req: IncomingMessage, res: ServerResponse) => void route(req, res, state);
  const { cert: caCertificate, key } = selfSignedCertificate();
  const tlsDir = mkdtempSync(join(tmpdir(), 'shipmate-sandbox-tls-'));
  const caCertificatePath = join(tlsDir, 'sandbox-ca.pem');
  writeFileSync(caCertificatePath, caCertificate);
  const http = createHttpServer(handle);
  const https = createHttpsServer({ cert: caCertificate, key }, handle);
  attachSocketMode(http, state);
  const port = await listen(http, options.port ?? 0);
  const httpsPort = await listen(https, options.httpsPort ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    caCertificate,
    caCertificatePath,
    state,
    close: async () => {
      // Upgraded (WebSocket) connections are not closed by closeAllConnections(); drop them first.
      state.slack.dropSockets();
      stopRolloutController(state);
      stopArgoRolloutController(state);
      stopJobController(state);
      await Promise.all([close(http), close(https)]);
      rmSync(tlsDir, { recursive: true, force: true });
    },
  };
}

async function route(req: IncomingMessage, res: ServerResponse, state: SandboxState): Promise<void> {
  try {
    const body = await readBody(req);
    const latency = state.world.faults?.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const call = faultCallOf(req, body);
    const fault = call.system === 'other' ? undefined : state.faults.take(call);
    if (fault?.kind === 'status') return sendFaultStatus(res, call, fault.status);
    // A hung call keeps its connection open until the caller gives up or the sandbox closes.
    if (fault?.kind === 'hang') return;
    const target = fault?.kind === 'hang-after' ? discardedResponse(res) : res;
    for (const handler of HANDLERS) {
      if (await handler(req, target, body, state)) return;
    }
    sendJson(target, 404, { message: `sandbox: nothing at ${req.method} ${req.url}` });
  } catch (error) {
    if (!res.headersSent) sendJson(res, 500, { message: `sandbox: ${(error as Error).message}` });
    else res.destroy();
  }
}


function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
