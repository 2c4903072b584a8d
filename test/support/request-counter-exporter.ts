import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A service's /metrics as Prometheus scrapes it: `http_requests_total` by
 * status code, in the text exposition format. Each scrape counts 100 more
 * requests, of which `failingPercent` answered 500, so a rate ratio over any
 * window reads exactly the percentage the scenario set. Both series exist
 * from the first scrape (a healthy service still exports code="500" at 0).
 */
export interface RequestCounterExporter {
  /** http://127.0.0.1:PORT/metrics */
  url: string;
  setFailingPercent(percent: number): void;
  /** Scrapes answered so far. */
  scrapes(): number;
  close(): Promise<void>;
}

const REQUESTS_PER_SCRAPE = 100;

export async function startRequestCounterExporter(options: { failingPercent: number }): Promise<RequestCounterExporter> {
  let failingPercent = options.failingPercent;
  let ok = 0;
  let failed = 0;
  let scrapes = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    scrapes += 1;
    failed += failingPercent;
    ok += REQUESTS_PER_SCRAPE - failingPercent;
    const body = [
      '# HELP http_requests_total Requests answered, by status code.',
      '# TYPE http_requests_total counter',
      `http_requests_total{code="200"} ${ok}`,
      `http_requests_total{code="500"} ${failed}`,
      '',
    ].join('\n');
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    setFailingPercent: (percent) => {
      failingPercent = percent;
    },
    scrapes: () => scrapes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
