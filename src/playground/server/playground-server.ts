import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAGE_CSS } from '../web/page-css.js';
import { PAGE_HTML } from '../web/page-html.js';
import { HttpProblem, optionalStringField, readJsonObject, stringField } from './json-body.js';
import { LiveStream } from './live-stream.js';
import { clickButton, openHome, sendFromComposer } from './playground-actions.js';
import { isPlaygroundScenario, isPlaygroundUser, PLAYGROUND_USERS, type PlaygroundScenarioId } from './playground-scenarios.js';
import { playgroundSnapshot } from './playground-snapshot.js';
import { PlaygroundWorld, WorldNotReady, type StartBot } from './playground-world.js';
import { readBrowserModule } from './static-modules.js';

export interface PlaygroundServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  scenario?: PlaygroundScenarioId;
  /** Starts the bot against a session (default: the compiled bot in Socket Mode). */
  startBot?: StartBot;
  /** Where the compiled browser modules are (default: dist/src/playground of the package). */
  modulesDir?: string;
}

export interface PlaygroundServer {
  url: string;
  world: PlaygroundWorld;
  close(): Promise<void>;
}

/** Only the page's own scripts and styles, its own server to talk to, and nothing framed or embedded. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };

/**
 * `shipmate demo --web`: the sandbox of the picked scenario, the compiled bot
 * over Socket Mode, and on 127.0.0.1 the page that shows #releases as Slack
 * would, its live stream and the endpoints its composer, buttons, user switcher
 * and scenario picker post to. Resolves once the bot is connected.
 */
export async function startPlaygroundServer(options: PlaygroundServerOptions = {}): Promise<PlaygroundServer> {
  const world = new PlaygroundWorld(options.scenario ?? 'healthy', options.startBot);
  const stream = new LiveStream((userId) => playgroundSnapshot(world, userId));
  world.onChange(() => stream.changed());
  await world.start();
  const server = createServer((request, response) => {
    handle(request, response, world, stream, options.modulesDir).catch((error: unknown) => answerProblem(response, error));
  });
  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    await world.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    world,
    close: async () => {
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, world: PlaygroundWorld, stream: LiveStream, modulesDir?: string): Promise<void> {
  const port = (request.socket.localPort ?? 0).toString();
  // A page of another site reaching 127.0.0.1 through a rebound DNS name is not ours to serve.
  if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(request.headers.host ?? '')) throw new HttpProblem(421, 'unexpected Host header');
  const { pathname, searchParams } = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (pathname === '/') return answer(response, 200, 'text/html; charset=utf-8', PAGE_HTML);
    if (pathname === '/page.css') return answer(response, 200, 'text/css; charset=utf-8', PAGE_CSS);
    if (pathname === '/events') return stream.connect(response, userParam(searchParams.get('as')));
    const module = await readBrowserModule(pathname, modulesDir);
    if (module !== undefined) return answer(response, 200, 'text/javascript; charset=utf-8', module);
    throw new HttpProblem(404, 'not found');
  }
  if (request.method !== 'POST') throw new HttpProblem(405, 'method not allowed');
  const action = POST_ROUTES[pathname];
  if (!action) throw new HttpProblem(404, 'not found');
  const body = await readJsonObject(request);
  const result = await action(world, body);
  answerJson(response, 200, { ok: true, ...result });
}

type PostAction = (world: PlaygroundWorld, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const POST_ROUTES: Record<string, PostAction> = Object.assign(Object.create(null) as Record<string, PostAction>, {
  '/api/command': async (world: PlaygroundWorld, body: Record<string, unknown>) => ({
    outcome: await sendFromComposer(world, userField(body), stringField(body, 'text')),
  }),
  '/api/click': async (world: PlaygroundWorld, body: Record<string, unknown>) => {
    const blockId = optionalStringField(body, 'blockId');
    const value = optionalStringField(body, 'value');
    await clickButton(world, {
      userId: userField(body),
      ts: stringField(body, 'ts'),
      actionId: stringField(body, 'actionId'),
      ...(blockId === undefined ? {} : { blockId }),
      ...(value === undefined ? {} : { value }),
    });
    return {};
  },
  '/api/home': async (world: PlaygroundWorld, body: Record<string, unknown>) => {
    await openHome(world, userField(body));
    return {};
  },
  '/api/scenario': async (world: PlaygroundWorld, body: Record<string, unknown>) => {
    const scenario = stringField(body, 'scenario');
    if (!isPlaygroundScenario(scenario)) throw new HttpProblem(400, 'unknown scenario');
    await world.reset(scenario);
    return { scenario };
  },
});

function userField(body: Record<string, unknown>): string {
  return userParam(stringField(body, 'user'));
}

function userParam(user: string | null): string {
  if (user === null) return PLAYGROUND_USERS[0].id;
  if (!isPlaygroundUser(user)) throw new HttpProblem(400, 'unknown user');
  return user;
}

function answer(response: ServerResponse, status: number, type: string, body: string): void {
  const headers = { ...SECURITY_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) };
  response.writeHead(status, type.startsWith('text/html') ? { ...headers, 'content-security-policy': CONTENT_SECURITY_POLICY } : headers);
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function answerJson(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  answer(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Refusals answer their own status; a world between scenarios 503; anything else (the bot's ack never came) 502. Never the request's text. */
function answerProblem(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  if (error instanceof HttpProblem) return answerJson(response, error.status, { ok: false, error: error.message });
  if (error instanceof WorldNotReady) return answerJson(response, 503, { ok: false, error: error.message });
  const message = error instanceof Error ? error.message : String(error);
  answerJson(response, 502, { ok: false, error: message.startsWith('Slack sandbox:') ? message : 'the playground could not do that' });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
