// A fault-injecting HTTP proxy in front of a test registry: status codes with headers, slow
// answers, truncated or corrupted bodies, lying or missing Docker-Content-Digest, redirects, Link
// pagination, fixed latency, and request counts.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestRegistry } from './registry.js';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'truncate'; times?: number }
  /** The real headers, then the body one byte every `everyMs`: never idle, never done. */
  | { kind: 'drip'; everyMs: number; times?: number }
  | { kind: 'lie-digest'; times?: number; value?: string }
  /** Drops Docker-Content-Digest, as some registries and proxies do. */
  | { kind: 'no-digest-header'; times?: number }
  | { kind: 'corrupt-body'; times?: number }
  | { kind: 'redirect'; to: string; times?: number }
  /** Serves tag lists in pages of `pageSize` with `Link` headers, as Docker Hub and GHCR do (docker-registry 2.8 does not paginate). */
  | { kind: 'paginate-tags'; pageSize: number; times?: number };

export interface FaultRule {
  method?: string;
  path?: RegExp;
  fault: Fault;
}

export interface Counts {
  token: number;
  head: number;
  get: number;
  total: number;
  byPath: Record<string, number>;
  /** Requests that carried an Authorization header. */
  authorized: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
}

export interface FaultProxy {
  url: string;
  host: string;
  counts(): Counts;
  resetCounts(): void;
  /** Replaces the fault rules (each rule applies `times` times, default forever). */
  setFaults(rules: FaultRule[]): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(target: TestRegistry | string, options: { latencyMs?: number; faults?: FaultRule[] } = {}): Promise<FaultProxy> {
  const targetUrl = new URL(typeof target === 'string' ? target : target.url);
  let rules: (FaultRule & { left: number })[] = [];
  const setFaults = (r: FaultRule[]) => (rules = r.map((x) => ({ ...x, left: x.fault.times ?? Infinity })));
  setFaults(options.faults ?? []);
  let counts = { head: 0, get: 0, total: 0, authorized: 0, maxInFlight: 0, byPath: {} as Record<string, number> };
  let inFlight = 0;
  let tokenBase = typeof target === 'string' ? 0 : target.tokenRequests();

  const server: Server = createServer((req, res) => {
    counts.maxInFlight = Math.max(counts.maxInFlight, ++inFlight);
    res.on('close', () => inFlight--);
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.total++;
    if (req.headers.authorization) counts.authorized++;
    if (req.method === 'HEAD') counts.head++;
    else if (req.method === 'GET') counts.get++;
    const key = `${req.method} ${req.url}`;
    counts.byPath[key] = (counts.byPath[key] ?? 0) + 1;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === req.method) && (!r.path || r.path.test(req.url ?? '')));
    if (rule) rule.left--;
    const fault = rule?.fault;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, fault.headers ?? {}).end();
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(307, { location: fault.to }).end();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'paginate-tags') {
      const url = new URL(req.url ?? '/', 'http://x');
      const all = (await (await fetch(`${targetUrl.origin}${url.pathname}`, { headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} })).json()) as { name: string; tags: string[] };
      const sorted = [...all.tags].sort();
      const last = url.searchParams.get('last');
      const page = sorted.filter((t) => last === null || t > last).slice(0, fault.pageSize);
      const more = page.length > 0 && sorted.indexOf(page[page.length - 1]!) < sorted.length - 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (more) headers.link = `<${url.pathname}?n=${fault.pageSize}&last=${page[page.length - 1]}>; rel="next"`;
      res.writeHead(200, headers).end(JSON.stringify({ name: all.name, tags: page }));
      return;
    }
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: targetUrl.host } },
      (up) => {
        const headers = { ...up.headers };
        if (fault?.kind === 'lie-digest') headers['docker-content-digest'] = fault.value ?? `sha256:${'0'.repeat(64)}`;
        if (fault?.kind === 'no-digest-header') delete headers['docker-content-digest'];
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body = Buffer.concat(chunks);
          if (fault?.kind === 'corrupt-body' && body.length > 0) {
            body = Buffer.from(body);
            body[body.length - 1] = body[body.length - 1]! ^ 0xff;
          }
          if (fault?.kind === 'drip' && req.method !== 'HEAD') {
            res.writeHead(up.statusCode ?? 502, headers);
            let at = 0;
            const t = setInterval(() => (at < body.length ? res.write(body.subarray(at, ++at)) : res.end()), fault.everyMs);
            res.on('close', () => clearInterval(t));
            return;
          }
          if (fault?.kind === 'truncate' && body.length > 1) {
            // Promise the whole length, send half, then cut the connection.
            res.writeHead(up.statusCode ?? 502, headers);
            res.write(body.subarray(0, Math.floor(body.length / 2)));
            res.socket?.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    counts: () => ({ ...counts, token: (typeof target === 'string' ? 0 : target.tokenRequests()) - tokenBase }),
    resetCounts: () => {
      counts = { head: 0, get: 0, total: 0, authorized: 0, maxInFlight: 0, byPath: {} };
      tokenBase = typeof target === 'string' ? 0 : target.tokenRequests();
    },
    setFaults,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
