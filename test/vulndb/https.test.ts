// `db update` over https, laid out as OSV's bucket is (`<source>/<Ecosystem>/all.zip`), from a server on
// 127.0.0.1 whose self-signed certificate the child trusts through NODE_EXTRA_CA_CERTS: the path the
// default source takes, short of the network. An untrusted certificate, and a redirect to plain http
// elsewhere, fail in one line and keep the data already there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtureDump } from '../helpers/osv.js';
import { spawnPlinth } from '../helpers/spawn-cli.js';

describe('db update over https', () => {
  let dir = '';
  let server: Server | null = null;
  let base = '';
  let skip: string | false = false;
  const requests: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-osv-https-'));
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'ca.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    if (made.status !== 0) {
      skip = 'openssl is not installed (apt-get install openssl)';
      return;
    }
    const alpine = fixtureDump('Alpine');
    server = createServer({ key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'ca.pem')) }, (req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/Alpine/all.zip') res.writeHead(200, { 'content-length': alpine.length }).end(alpine);
      else if (req.url === '/moved/Alpine/all.zip') res.writeHead(302, { location: 'http://mirror.example/Alpine/all.zip' }).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[], trust: boolean) =>
    spawnPlinth(['db', ...args, '--db-dir', join(dir, 'db')], { env: { HOME: dir, ...(trust ? { NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') } : {}) } });

  it('fetches a dump over https, refuses what it cannot trust, keeps the data it had', async (t) => {
    if (skip) return t.skip(skip);
    const ok = await run(['update', 'alpine', '--source', base], true);
    assert.equal(ok.code, 0, ok.err);
    assert.ok(requests.includes('/Alpine/all.zip'));
    const status = async () => JSON.parse((await run(['status', '--format', 'json'], false)).out);
    const before = await status();
    assert.equal(before.present, true);

    const untrusted = await run(['update', 'alpine', '--source', base], false);
    assert.equal(untrusted.code, 2);
    // A progress line, then the failure in one line (Node 24 adds its hint about --use-system-ca).
    const lines = untrusted.err.trim().split('\n').map((l) => l.replace(/:\d+/g, ':PORT'));
    assert.equal(lines.length, 2, untrusted.err);
    assert.equal(lines[0], `plinth: fetching Alpine from https://127.0.0.1:PORT/Alpine/all.zip`);
    assert.match(lines[1]!, /^plinth: 127\.0\.0\.1:PORT: self-signed certificate(; if the root CA is installed locally, try running Node\.js with --use-system-ca)?$/);
    assert.doesNotMatch(untrusted.err, /\n\s+at /);

    const downgraded = await run(['update', 'alpine', '--source', `${base}/moved`], true);
    assert.equal(downgraded.code, 2);
    assert.match(downgraded.err, /refusing http for mirror\.example/);
    assert.deepEqual(await status(), before, 'the failed updates left the data as it was');
  });
});
