// `npm run bench:hostile`: the hostile inputs of issue #25, each built here and given to the CLI as a
// user would (lint, recommend, inspect), one whole process each under /usr/bin/time: exit code, wall
// time and peak RSS. Every one must end in under 60 s, under 300 MiB, with exit 0, 1 or 2 (never an
// abort or a stack trace). The test suite asserts each outcome (test/lint/hostile.test.ts,
// test/image/hostile-layers.test.ts, ...); this prints what they cost.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LayoutBuilder, ustarHeader, writeDockerArchive } from '../test/helpers/image-builder.js';

const BIN = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const LIMIT_MIB = 300;
const LIMIT_S = 60;

interface Case { name: string; args: string[]; cwd?: string }
interface Result { name: string; exit: number | null; seconds: number; rssMiB: number; firstLine: string }

/** One CLI run under /usr/bin/time, asynchronous so the bench's own registry can answer it. */
function run(c: Case): Promise<Result> {
  return new Promise((done) => {
    const child = spawn('/usr/bin/time', ['-f', 'PLINTH_TIME %M %e', process.execPath, BIN, ...c.args], { cwd: c.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 1 << 20) err += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), (LIMIT_S + 30) * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      const m = /PLINTH_TIME (\d+) ([\d.]+)/.exec(err);
      const rest = err.replace(/.*PLINTH_TIME.*\n?/, '').trim().split('\n');
      const exited = /Command exited with non-zero status (\d+)/.exec(err);
      const signalled = /Command terminated by signal (\d+)/.exec(err);
      const exit = signalled ? 128 + Number(signalled[1]) : exited ? Number(exited[1]) : m ? 0 : null;
      done({ name: c.name, exit, seconds: m ? Number(m[2]) : NaN, rssMiB: m ? Number(m[1]) / 1024 : NaN, firstLine: rest.find((l) => !l.startsWith('Command ')) ?? '' });
    });
  });
}

function dir(root: string, name: string, files: Record<string, string>): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(d, rel), text);
  return d;
}

async function dockerfileCases(root: string): Promise<Case[]> {
  const cases: Case[] = [];
  const pattern = dir(root, 'pattern', { Dockerfile: `ARG a=${'a'.repeat(40)}\nFROM \${a/${'*a'.repeat(10)}*b/x}\n` });
  cases.push({ name: '82-byte ${a/*a*a...*b/x} pattern', args: ['lint', join(pattern, 'Dockerfile')] });
  let nested = 'alpine';
  for (let i = 0; i < 3000; i++) nested = `\${a:-${nested}}`;
  cases.push({ name: '${a:-${...}} nested 3,000 deep', args: ['lint', join(dir(root, 'nested', { Dockerfile: `FROM ${nested}\n` }), 'Dockerfile')] });
  cases.push({ name: '48,000 FROM lines (670 kB)', args: ['lint', join(dir(root, 'froms', { Dockerfile: 'FROM alpine:3\n'.repeat(48_000) }), 'Dockerfile')] });
  cases.push({ name: '80,000 RUN apt-get install gcc', args: ['lint', join(dir(root, 'runs', { Dockerfile: `FROM debian:12\n${'RUN apt-get install gcc\n'.repeat(80_000)}` }), 'Dockerfile')] });
  cases.push({ name: '1,400,000 FROM lines (9.8 MB: refused)', args: ['lint', join(dir(root, 'many-from', { Dockerfile: 'FROM a\n'.repeat(1_400_000) }), 'Dockerfile')] });
  cases.push({ name: '1,600,000 RUN lines (9.6 MB: refused)', args: ['lint', join(dir(root, 'many-run', { Dockerfile: `FROM a\n${'RUN a\n'.repeat(1_600_000)}` }), 'Dockerfile')] });
  cases.push({ name: '50,000 untagged FROM lines', args: ['lint', join(dir(root, 'untagged', { Dockerfile: 'FROM a\n'.repeat(50_000) }), 'Dockerfile')] });
  cases.push({ name: 'one RUN of 500,000 continued lines (9.5 MB)', args: ['lint', join(dir(root, 'continued', { Dockerfile: `FROM alpine:3.24\nRUN true${' \\\n  && apk add gcc'.repeat(500_000)}\n` }), 'Dockerfile')] });
  cases.push({ name: 'a heredoc of 700,000 lines (8.4 MB)', args: ['lint', join(dir(root, 'heredoc', { Dockerfile: `FROM alpine:3.24\nRUN <<EOF\n${'apk add gcc\n'.repeat(700_000)}EOF\n` }), 'Dockerfile')] });
  const brackets = '[ '.repeat(25_000);
  const toml = dir(root, 'toml', {
    Dockerfile: 'FROM python:3.12\nCOPY . .\nRUN pip install poetry && poetry install\nCMD ["python", "app.py"]\n',
    'poetry.lock': `[[package]]\nname = "x"\n${brackets}\n`,
    'pyproject.toml': `[tool.poetry.dependencies]\n${brackets}\n`,
  });
  cases.push({ name: 'poetry.lock and pyproject.toml lines of 50 kB of [', args: ['recommend', join(toml, 'Dockerfile')] });
  let keys = 'rules:\n';
  for (let i = 0; i < 50_000; i++) keys += `  r${i}: off\n`;
  cases.push({ name: '50,000-key YAML config', args: ['lint', join(dir(root, 'yaml', { '.plinthrc.yaml': keys, Dockerfile: 'FROM alpine:3.24\n' }), 'Dockerfile')] });
  const zero = dir(root, 'zero', {});
  symlinkSync('/dev/zero', join(zero, 'Dockerfile'));
  cases.push({ name: 'a folder whose Dockerfile links to /dev/zero', args: ['lint', zero] });
  const fifo = join(root, 'fifo.Dockerfile');
  spawnSync('mkfifo', [fifo]);
  cases.push({ name: 'a FIFO named as the Dockerfile', args: ['lint', fifo] });
  return cases;
}

async function imageCases(root: string): Promise<Case[]> {
  const cases: Case[] = [];
  writeFileSync(join(root, 'claims.tar'), Buffer.concat([ustarHeader('manifest.json', '30000000000', '0'), Buffer.alloc(2048)]));
  cases.push({ name: 'a 3 kB docker-archive member claiming 3 GiB', args: ['inspect', `docker-archive:${join(root, 'claims.tar')}`] });
  const pax = Buffer.from('12 size=-10\n');
  writeFileSync(join(root, 'negative.tar'), Buffer.concat([ustarHeader('PaxHeaders/x', pax.length.toString(8).padStart(11, '0'), 'x'), pax, Buffer.alloc(512 - pax.length), ustarHeader('manifest.json', '00000000000', '0'), Buffer.alloc(1024)]));
  cases.push({ name: 'a docker-archive with a negative pax size', args: ['inspect', `docker-archive:${join(root, 'negative.tar')}`] });

  const b = await LayoutBuilder.create(join(root, 'layout'));
  const zeros = Buffer.alloc(256 * 1024 * 1024);
  await b.image([await b.layer([{ path: 'usr/share/zeros', content: zeros }], 'gzip')], { tag: 'gzip-bomb' });
  await b.image([await b.layer([{ path: 'usr/share/zeros', content: zeros }], 'zstd')], { tag: 'zstd-bomb' });
  const status = Buffer.from('Package: x\nStatus: install ok installed\nVersion: 1\n\n'.repeat(5 * 1024 * 1024));
  await b.image([await b.layer([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: status }], 'gzip')], { tag: 'dpkg-status' });
  // Just under the 64 MiB a kept file may have, in the smallest entries dpkg would list: millions of packages.
  const tiny = Buffer.from('Package: x\nStatus: install ok installed\n\n'.repeat(1_500_000));
  await b.image([await b.layer([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: tiny }], 'gzip')], { tag: 'dpkg-many' });
  // Many package files each under the 64 MiB a kept file may have: the per-layer total bounds them.
  const part = Buffer.from('Package: x\nStatus: install ok installed\nVersion: 1\n\n'.repeat(1_200_000));
  const parts = Array.from({ length: 16 }, (_, i) => ({ path: `var/lib/dpkg/status.d/p${i}`, content: part }));
  await b.image([await b.layer([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, ...parts], 'gzip')], { tag: 'status-d' });
  const deep = await b.image([await b.layer([{ path: `${'d/'.repeat(100_000)}f`, content: 'x' }], 'gzip')], { tag: 'deep' });
  const layout = await b.finish();
  const docker = await writeDockerArchive(b, deep, join(root, 'deep.tar'), 'legacy', 'x:deep');
  cases.push({ name: '256 MiB of zeros, gzip (256 kB)', args: ['inspect', '--contents', `oci:${layout}:gzip-bomb`] });
  cases.push({ name: '256 MiB of zeros, zstd (8 kB)', args: ['inspect', '--contents', `oci:${layout}:zstd-bomb`] });
  cases.push({ name: `a ${(status.length / 1024 / 1024).toFixed(0)} MiB dpkg status in a small layer`, args: ['inspect', '--contents', `oci:${layout}:dpkg-status`] });
  cases.push({ name: `a ${(tiny.length / 1024 / 1024).toFixed(0)} MiB dpkg status of 1,500,000 packages`, args: ['inspect', '--contents', `oci:${layout}:dpkg-many`] });
  cases.push({ name: `16 dpkg status.d files of ${(part.length / 1024 / 1024).toFixed(0)} MiB in one layer`, args: ['inspect', '--contents', `oci:${layout}:status-d`] });
  cases.push({ name: 'a path 100,000 levels deep', args: ['inspect', '--contents', `oci:${layout}:deep`] });
  cases.push({ name: 'the same path in a docker-archive', args: ['inspect', '--contents', `docker-archive:${docker}`] });
  // A layout whose layer blob is a FIFO, and one whose config blob links to /dev/zero.
  const fifo = await LayoutBuilder.create(join(root, 'fifo-layout'));
  const small = await fifo.layer([{ path: 'etc/os-release', content: 'ID=alpine\n' }], 'gzip');
  await fifo.image([small], { tag: 't' });
  const fifoDir = await fifo.finish();
  const blob = (digest: string) => join(fifoDir, 'blobs', 'sha256', digest.slice(7));
  rmSync(blob(small.desc.digest));
  spawnSync('mkfifo', [blob(small.desc.digest)]);
  cases.push({ name: 'a layout whose layer blob is a FIFO', args: ['inspect', '--contents', `oci:${fifoDir}:t`] });
  const zeroCfg = await LayoutBuilder.create(join(root, 'zero-layout'));
  const img = await zeroCfg.image([await zeroCfg.layer([{ path: 'etc/os-release', content: 'ID=alpine\n' }], 'gzip')], { tag: 't' });
  const zeroDir = await zeroCfg.finish();
  const cfg = (await zeroCfg.readJson<{ config: { digest: string } }>(img.digest)).config.digest;
  rmSync(join(zeroDir, 'blobs', 'sha256', cfg.slice(7)));
  symlinkSync('/dev/zero', join(zeroDir, 'blobs', 'sha256', cfg.slice(7)));
  cases.push({ name: 'a layout whose config blob links to /dev/zero', args: ['inspect', `oci:${zeroDir}:t`] });
  return cases;
}

/** A registry on 127.0.0.1 whose manifest, token and error answers never end, or drip. */
async function endlessRegistry(): Promise<{ host: string; close: () => void }> {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const server = createServer((req, res) => {
    if (req.url === '/v2/') return res.writeHead(200).end('{}');
    const endless = () => {
      while (res.write(chunk)) { /* until the socket pushes back */ }
      res.once('drain', endless);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    if (req.url?.includes('/manifests/drip')) {
      // A byte every 100 ms: never idle, never done.
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      const t = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (req.url?.includes('/manifests/')) res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    else res.writeHead(500, { 'content-type': 'application/json' });
    endless();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { host: `127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, close: () => { server.closeAllConnections(); server.close(); } };
}

async function main(): Promise<void> {
  if (spawnSync('/usr/bin/time', ['true']).status !== 0) {
    console.log('/usr/bin/time not installed (Debian package time): nothing measured');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'plinth-hostile-'));
  const registry = await endlessRegistry();
  try {
    const cases = [...(await dockerfileCases(root)), ...(await imageCases(root)), { name: 'a manifest that never ends (127.0.0.1)', args: ['inspect', '--no-cache', `${registry.host}/x:y`] }, { name: 'a manifest dripped a byte per 100 ms (--timeout 5)', args: ['inspect', '--no-cache', '--timeout', '5', `${registry.host}/x:drip`] }];
    const floor = await run({ name: 'node -e 0', args: ['--version'] });
    console.log(`each input as one CLI process; limits ${LIMIT_MIB} MiB and ${LIMIT_S} s; plinth --version: ${floor.rssMiB.toFixed(0)} MiB, ${floor.seconds.toFixed(2)} s`);
    let bad = 0;
    for (const c of cases) {
      const r = await run(c);
      const ok = r.exit !== null && r.exit <= 2 && r.rssMiB < LIMIT_MIB && r.seconds < LIMIT_S && !/^\s+at |internal error/m.test(r.firstLine);
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(52)} exit ${String(r.exit).padStart(3)}  ${r.seconds.toFixed(2).padStart(6)} s  ${r.rssMiB.toFixed(0).padStart(4)} MiB  ${r.firstLine.slice(0, 100)}`);
    }
    console.log(bad ? `${bad} over a limit` : 'every input within the limits');
    process.exitCode = bad ? 1 : 0;
  } finally {
    registry.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
