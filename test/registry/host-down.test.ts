// A registry that never answers costs one timeout per run, not one per image: after its first
// failure a host is not asked again, and --timeout bounds that first wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'plinth.js');

test('lint --online against a registry that accepts and never answers: one short wait, then the offline answer', async () => {
  // Accepts connections, reads nothing back: the worst registry there is.
  const sockets: Socket[] = [];
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    sockets.push(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'plinth-down-'));
  try {
    // 30 distinct images: one timeout each would take 30 waits (at the client's concurrency, several).
    const froms = Array.from({ length: 30 }, (_, i) => `FROM node:22.${i}.0 AS s${i}`).join('\n');
    writeFileSync(join(dir, 'Dockerfile'), `${froms}\nFROM node:22\n`);
    const start = Date.now();
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, 'lint', '--online', '--no-cache', '--timeout', '1', '--registry-mirror', `docker.io=http://127.0.0.1:${port}`, '--format', 'json', '--date', '2026-09-01', 'Dockerfile'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    const seconds = (Date.now() - start) / 1000;
    assert.notEqual(r.code, 2, r.stderr);
    assert.ok(JSON.parse(r.stdout).files[0].findings.length > 0, 'the offline findings are still there');
    // (The mirror timed out once; the registry behind it cannot be resolved offline: one warning.)
    assert.match(r.stderr, /^plinth: warning: registry docker\.io could not be queried/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    // One wave of connections (the per-host concurrency), not one per image.
    assert.ok(connections < 20, `${connections} connections`);
    assert.ok(seconds < 10, `took ${seconds.toFixed(1)} s`);
  } finally {
    for (const s of sockets) s.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--timeout takes seconds between 0.1 and 600', async () => {
  const { spawnSync } = await import('node:child_process');
  for (const bad of ['0', '-1', 'abc', '601']) {
    const r = spawnSync(process.execPath, [bin, 'lint', '--online', `--timeout=${bad}`, '-'], { input: 'FROM node:22\n', encoding: 'utf8' });
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, /--timeout must be seconds between 0\.1 and 600/);
  }
});
