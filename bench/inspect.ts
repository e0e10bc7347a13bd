// npm run bench:inspect, second part (bench/contents.ts is the first): `inspect --contents` of a 300 MB+
// image (a debootstrap minbase tree plus filler layers) from a local registry with a cold cache,
// against `skopeo copy` to a directory plus `tar -x` of every layer. Prints MB/s, peak RSS and the ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianTree, LayoutBuilder, skopeoPush, startLocalRegistry } from '../test/helpers/image-builder.js';
import { fillerTree } from './filler.js';

const FILLER_LAYERS = 3;

async function child(ref: string, mirror: string, cacheDir: string): Promise<void> {
  const { readImageContents } = await import('../src/image/index.js');
  const registryMod = (await import('../src/registry/index.js')) as Record<string, unknown>;
  const createRegistry = registryMod.createRegistry as ((o: unknown) => unknown) | undefined;
  if (!createRegistry) throw new Error('the registry client (createRegistry in src/registry/index.ts) is not there yet');
  // Plain HTTP is allowed for loopback hosts; a fresh cache directory makes the run cold.
  const registry = createRegistry({ cacheDir, env: process.env });
  void mirror;
  const t0 = performance.now();
  const c = await readImageContents(ref, { registry: registry as never });
  const seconds = (performance.now() - t0) / 1000;
  const tarBytes = c.layers.reduce((n, l) => n + l.tarBytes, 0);
  process.stdout.write(JSON.stringify({ seconds, tarBytes, packages: c.packages.count, uncompressedBytes: c.uncompressedBytes, maxRssKb: process.resourceUsage().maxRSS }));
}

function time(label: string, fn: () => void): number {
  const t0 = performance.now();
  fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${label}: ${s.toFixed(2)} s`);
  return s;
}

async function main(): Promise<void> {
  const tree = await debianTree();
  if ('skip' in tree) {
    console.log(`bench:inspect skipped: ${tree.skip}`);
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'plinth-bench-inspect-'));
  const reg = await startLocalRegistry();
  if (!reg) {
    console.log('bench:inspect skipped: docker-registry is not installed');
    return;
  }
  try {
    console.log('building the image (debootstrap tree + filler layers)...');
    const layout = await LayoutBuilder.create(join(work, 'layout'));
    const layers = [await layout.layerFromDir(tree.root)];
    for (let i = 0; i < FILLER_LAYERS; i++) {
      const d = join(work, `filler-${i}`);
      await fillerTree(join(d, 'opt', `filler-${i}`), i);
      layers.push(await layout.layerFromDir(d));
      await rm(d, { recursive: true, force: true });
    }
    await layout.image(layers, { tag: 'bench', config: { Cmd: ['bash'] } });
    await layout.finish();
    const compressed = layers.reduce((n, l) => n + l.desc.size, 0);
    const ref = `${reg.host}/bench/debian:1`;
    skopeoPush(layout.dir, 'bench', ref);

    console.log(`image ${ref}: ${layers.length} layers, ${(compressed / 1e6).toFixed(1)} MB compressed`);
    const cache = join(work, 'cache');
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ref, reg.host, cache], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`plinth run failed: ${r.stderr.trim()}`);
    const p = JSON.parse(r.stdout) as { seconds: number; tarBytes: number; packages: number; uncompressedBytes: number; maxRssKb: number };
    console.log(`plinth readImageContents from the registry (cold cache): ${p.seconds.toFixed(2)} s`);
    console.log(`  ${(p.tarBytes / 1e6).toFixed(1)} MB of layer tar, ${(p.uncompressedBytes / 1e6).toFixed(1)} MB of files, ${p.packages} packages`);
    console.log(`  ${(p.tarBytes / 1e6 / p.seconds).toFixed(1)} MB/s uncompressed, ${(compressed / 1e6 / p.seconds).toFixed(1)} MB/s compressed, peak RSS ${(p.maxRssKb / 1024).toFixed(0)} MB`);

    console.log('baseline: skopeo copy to a directory, then tar -x of every layer');
    const dirDest = join(work, 'skopeo-dir');
    const copy = time('skopeo copy', () => execFileSync('skopeo', ['copy', '--quiet', '--src-tls-verify=false', `docker://${ref}`, `dir:${dirDest}`]));
    const manifest = JSON.parse(await readFile(join(dirDest, 'manifest.json'), 'utf8')) as { layers: { digest: string }[] };
    const out = join(work, 'extract');
    const untar = time('tar -x of every layer', () => {
      for (const l of manifest.layers) {
        const dest = join(out, l.digest.slice(7, 19));
        execFileSync('mkdir', ['-p', dest]);
        execFileSync('tar', ['-xf', join(dirDest, l.digest.slice(7)), '-C', dest]);
      }
    });
    const base = copy + untar;
    console.log(`  total ${base.toFixed(2)} s`);
    console.log(`ratio plinth / (skopeo copy + tar -x): ${(p.seconds / base).toFixed(2)}`);
    if (existsSync(out)) console.log(`  (extracted ${(await readdir(out)).length} layers to disk; plinth wrote none)`);
  } finally {
    await reg.stop();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
else await main();
