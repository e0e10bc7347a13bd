// Progress on stderr as a user at a terminal sees it: only on a terminal (a pty from util-linux's
// `script`), only after two seconds, cleared before other text; nothing in a pipe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDump, startDumpServer } from '../helpers/osv.js';
import { updateDb } from '../../src/vulndb/update.js';

const bin = join(process.cwd(), 'bin', 'plinth.js');
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A registry that accepts connections and never answers: any run that asks it waits for --timeout. */
async function hangingRegistry(): Promise<{ port: number; close: () => void }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

test('a slow lint --online shows progress on a terminal and none in a pipe', { skip: !hasScript && 'util-linux script is not installed' }, async () => {
  const { port, close } = await hangingRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'plinth-progress-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22.1.0 AS build\nFROM node:22\n');
    const args = ['lint', '--online', '--no-cache', '--timeout', '3', '--registry-mirror', `docker.io=http://127.0.0.1:${port}`, '--format', 'json', '--date', '2026-09-01', 'Dockerfile'];
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', HOME: dir };
    delete env.PLINTH_NO_PROGRESS;
    // stdout to a file, stderr to the pty that script records.
    const line = `${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')} > out.json`;
    const tty = await run('script', ['-qfec', line, '/dev/null'], dir, env);
    assert.equal(tty.code, 1, tty.stdout); // findings at warning: exit 1, as without a terminal
    assert.match(tty.stdout, /\r\x1b\[2Kplinth: 0 files linted, \d+ registry requests?, 0 B received \([23] s\)/);
    // The line is cleared before the warning, and the warning is whole.
    assert.match(tty.stdout, /\r\x1b\[2Kplinth: warning: registry docker\.io could not be queried/);
    assert.ok(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).files[0].findings.length > 0);

    const pipe = await run(process.execPath, [bin, ...args], dir, env);
    assert.equal(pipe.code, 1, pipe.stderr);
    assert.doesNotMatch(pipe.stderr, /\x1b|files linted|\(\d+ s\)/);
    assert.equal(pipe.stderr.trim().split('\n').length, 1, pipe.stderr);
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('report --online shows files scanned and requests on a terminal', { skip: !hasScript && 'util-linux script is not installed' }, async () => {
  const { port, close } = await hangingRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'plinth-progress-'));
  try {
    for (const repo of ['api', 'web']) {
      mkdirSync(join(dir, 'fleet', repo), { recursive: true });
      writeFileSync(join(dir, 'fleet', repo, 'Dockerfile'), 'FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n');
    }
    const args = ['report', 'fleet', '--online', '--no-cache', '--timeout', '3', '--registry-mirror', `docker.io=http://127.0.0.1:${port}`, '--format', 'json', '--out', 'r.json', '--date', '2026-09-01'];
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', HOME: dir };
    const tty = await run('script', ['-qfec', `${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')}`, '/dev/null'], dir, env);
    assert.equal(tty.code, 0, tty.stdout);
    assert.match(tty.stdout, /\r\x1b\[2Kplinth: [0-2] files? scanned, \d+ registry requests?, 0 B received \([23] s\)/);
    assert.match(tty.stdout, /\r\x1b\[2Kplinth: wrote r\.json: 2 Dockerfiles in 2 repositories/);
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a quick run on a terminal shows no progress', { skip: !hasScript && 'util-linux script is not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-progress-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\n');
    const r = await run('script', ['-qfec', `${quote(process.execPath)} ${quote(bin)} lint --date 2026-09-01 Dockerfile`, '/dev/null'], dir, { ...process.env, TERM: 'xterm' });
    assert.match(r.stdout, /Dockerfile:1/);
    assert.doesNotMatch(r.stdout, /\x1b\[2K|\(\d+ s\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pin, update --online and vulns show progress on a terminal while the registry is slow', { skip: !hasScript && 'util-linux script is not installed' }, async () => {
  const { port, close } = await hangingRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'plinth-progress-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22.1.0\n');
    // vulns reads its database before any image: a real one, from the Debian fixture dump.
    const dumps = await startDumpServer({ '/Debian/all.zip': { body: fixtureDump('Debian') } });
    try {
      await updateDb({ dir: join(dir, 'db'), source: dumps.url, ecosystems: ['Debian'] });
    } finally {
      await dumps.stop();
    }
    const registry = ['--no-cache', '--timeout', '3', '--registry-mirror', `docker.io=http://127.0.0.1:${port}`];
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm', HOME: dir };
    delete env.PLINTH_NO_PROGRESS;
    const inPty = (args: string[]) => run('script', ['-qfec', `${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(' ')}`, '/dev/null'], dir, env);
    const [pin, update, vulns] = await Promise.all([
      inPty(['pin', '--dry-run', ...registry, 'Dockerfile']),
      inPty(['update', '--online', '--check', ...registry, 'Dockerfile']),
      inPty(['vulns', '--db-dir', join(dir, 'db'), ...registry, 'node:22.1.0']),
    ]);
    // Each fails on the registry after the timeout (exit 2, one line), and showed the line before.
    for (const r of [pin, update, vulns]) assert.equal(r.code, 2, r.stdout);
    assert.match(pin.stdout, /\r\x1b\[2Kplinth: \d+ registry requests?, 0 B received \([23] s\)/);
    assert.match(update.stdout, /\r\x1b\[2Kplinth: 0 files checked, \d+ registry requests?, 0 B received \([23] s\)/);
    assert.match(vulns.stdout, /\r\x1b\[2Kplinth: 0 images scanned, \d+ registry requests?, 0 B received \([23] s\)/);
    // The error line comes whole, after the progress line was cleared.
    for (const r of [pin, update, vulns]) assert.match(r.stdout, /\r\x1b\[2Kplinth: (?!\d+ (?:registry|files?|images?) )[^\r\n]*(registry|reach)[^\r\n]*\r\n/, r.stdout);
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
});
