// OSV dumps for tests: the hand-written records under test/fixtures/osv/<Ecosystem>/ zipped as
// `all.zip`, served by a local HTTP server that can also cut a download short.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO } from './shared.js';
import { writeZip, type ZipEntry } from './zip.js';

export const OSV_FIXTURES = join(REPO, 'test', 'fixtures', 'osv');

export function fixtureEntries(ecosystem: string): ZipEntry[] {
  const dir = join(OSV_FIXTURES, ecosystem);
  return readdirSync(dir).sort().map((name) => ({ name, data: readFileSync(join(dir, name)) }));
}

export function fixtureDump(ecosystem: string): Buffer {
  return writeZip(fixtureEntries(ecosystem));
}

export interface Served {
  body: Buffer;
  /** Send only this many bytes, then drop the connection (a truncated download). */
  cutAt?: number;
  status?: number;
}

export interface DumpServer {
  url: string;
  files: Map<string, Served>;
  requests: string[];
  stop: () => Promise<void>;
}

/** Serves `files` (path -> body) on 127.0.0.1; unknown paths are 404. */
export async function startDumpServer(files: Record<string, Served>): Promise<DumpServer> {
  const map = new Map(Object.entries(files));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const f = map.get(path);
    if (!f) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(f.status ?? 200, { 'content-length': f.body.length, 'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT' });
    if (f.cutAt !== undefined) {
      res.write(f.body.subarray(0, f.cutAt), () => res.destroy());
      return;
    }
    res.end(f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files: map,
    requests,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
