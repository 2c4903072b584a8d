import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that can go silent: `freeze()` stops forwarding
 * in both directions without closing anything, as a network that drops
 * packets does (the peers see no error, just no answer); `thaw()` forwards
 * again, what was held back included, in order. A connection accepted while
 * frozen reaches the target only after the thaw.
 */
export interface FreezableProxy {
  /** Connect here instead of the target. */
  port: number;
  /** Connections accepted so far (each client connection counts once). */
  readonly accepted: number;
  /** Connections currently open on the client side. */
  readonly open: number;
  freeze(): void;
  thaw(): void;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  target?: Socket;
  /** Bytes read while frozen (or before the target connected), per direction. */
  toTarget: Buffer[];
  toClient: Buffer[];
}

export async function startFreezableProxy(targetHost: string, targetPort: number): Promise<FreezableProxy> {
  const links = new Set<Link>();
  let frozen = false;
  let accepted = 0;

  const flush = (link: Link) => {
    if (frozen || !link.target) return;
    for (const chunk of link.toTarget.splice(0)) link.target.write(chunk);
    for (const chunk of link.toClient.splice(0)) link.client.write(chunk);
  };
  const connectTarget = (link: Link): Socket => {
    const target = createConnection({ host: targetHost, port: targetPort }, () => flush(link));
    link.target = target;
    target.on('data', (chunk: Buffer) => {
      link.toClient.push(chunk);
      flush(link);
    });
    target.on('error', () => link.client.destroy());
    target.on('close', () => link.client.destroy());
    if (frozen) target.pause();
    return target;
  };

  const server = createServer((client) => {
    accepted++;
    const link: Link = { client, toTarget: [], toClient: [] };
    links.add(link);
    client.on('data', (chunk: Buffer) => {
      link.toTarget.push(chunk);
      flush(link);
    });
    client.on('error', () => link.target?.destroy());
    client.on('close', () => {
      links.delete(link);
      link.target?.destroy();
    });
    if (frozen) client.pause();
    else connectTarget(link);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    get accepted() {
      return accepted;
    },
    get open() {
      return links.size;
    },
    freeze() {
      frozen = true;
      // Paused sockets leave what arrives in the kernel's buffers: nothing is read, nothing is lost.
      for (const link of links) {
        link.client.pause();
        link.target?.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const link of links) {
        const target = link.target ?? connectTarget(link);
        link.client.resume();
        target.resume();
        flush(link);
      }
    },
    async close() {
      for (const link of links) {
        link.client.destroy();
        link.target?.destroy();
      }
      links.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
