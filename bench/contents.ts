// `npm run bench:inspect`, first part: `plinth inspect --contents oci:DIR` as a whole process, on one
// layer of a real Debian tree (debootstrap minbase, else generated files) compressed with gzip and
// with zstd, beside a floor that only decompresses the same blob and lists its tar
// (`gzip -dc | tar -t`, `zstd -dc | tar -t`, output to /dev/null). Alternating pairs, medians, the
// spread and the machine's load. Node is this process's: run it with another `node` to measure that
// version (Node 20 and 21 decompress zstd with fzstd, in JavaScript; 22.15 and newer with zlib).
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import * as zlib from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianTree, LayoutBuilder } from '../test/helpers/image-builder.js';
import { fillerTree } from './filler.js';

const PLINTH = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const ROUNDS = Number(process.env.PLINTH_BENCH_ROUNDS ?? 9);

function timeOnce(argv: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'plinth-bench-contents-'));
  try {
    const tree = await debianTree();
    let root: string;
    if ('skip' in tree) {
      console.log(`(no Debian tree: ${tree.skip}; generated files instead)`);
      root = join(work, 'tree');
      await fillerTree(join(root, 'opt', 'files'), 0);
    } else root = tree.root;
    console.log(`plinth inspect --contents, whole process, Node ${process.version}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const c of ['gzip', 'zstd'] as const) {
      const layout = await LayoutBuilder.create(join(work, c));
      const layer = await layout.layerFromDir(root, c);
      await layout.image([layer], { tag: 'bench' });
      await layout.finish();
      const blob = join(layout.dir, 'blobs', 'sha256', layer.desc.digest.slice(7));
      const plinth = [process.execPath, PLINTH, 'inspect', '--contents', '--format', 'json', `oci:${layout.dir}:bench`];
      const floor = ['sh', '-c', `${c} -dc '${blob}' | tar -t > /dev/null`];
      timeOnce(plinth);
      timeOnce(floor);
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        a.push(timeOnce(plinth));
        b.push(timeOnce(floor));
      }
      const mb = (layer.desc.size / 1048576).toFixed(0);
      console.log(`${c} layer (${mb} MiB): plinth ${median(a).toFixed(0)} ms (${spread(a)}), ${c} -dc | tar -t ${median(b).toFixed(0)} ms (${spread(b)}): ${(median(a) / median(b)).toFixed(2)}x (${ROUNDS} pairs)`);
      // Node's own decompressor alone, writing nothing: what no JavaScript above it can go below.
      const create = c === 'gzip' ? 'createGunzip' : 'createZstdDecompress';
      if (c === 'gzip' || 'createZstdDecompress' in zlib) {
        const script = `const z=require('node:zlib'),fs=require('node:fs');fs.createReadStream(${JSON.stringify(blob)},{highWaterMark:1<<20}).pipe(z.${create}({chunkSize:1<<18})).resume()`;
        const node = [process.execPath, '-e', script];
        const n: number[] = [];
        for (let i = 0; i < ROUNDS; i++) n.push(timeOnce(node));
        console.log(`  Node's ${create} alone: ${median(n).toFixed(0)} ms (${spread(n)}); plinth is ${(median(a) / median(n)).toFixed(2)}x that`);
      }
    }
    console.log(`load after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
