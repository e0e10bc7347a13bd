// `npm run bench:inspect`, first part: `plinth inspect --contents oci:DIR` as a whole process, on one
// layer of a real Debian tree (debootstrap minbase, else generated files) compressed with gzip and
// with zstd, beside a floor that only decompresses the same blob and lists its tar
// (`gzip -dc | tar -t`, `zstd -dc | tar -t`, output to /dev/null). Alternating pairs, medians, the
// spread and the machine's load. Node is this process's: run it with another `node` to measure that
// version (Node 20 and 21 decompress zstd with fzstd, in JavaScript; 22.15 and newer with zlib).
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import * as zlib from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianTree, LayoutBuilder } from '../test/helpers/image-builder.js';
import { fillerTree } from './filler.js';
import { line, type Command } from './pairs.js';

const PLINTH = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const ROUNDS = Number(process.env.PLINTH_BENCH_ROUNDS ?? 9);

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
      const mb = (layer.desc.size / 1048576).toFixed(0);
      const plinth: Command = { name: 'plinth', argv: [process.execPath, PLINTH, 'inspect', '--contents', '--format', 'json', `oci:${layout.dir}:bench`], status: 0 };
      line(`${c} layer (${mb} MiB)`, plinth, { name: `${c} -dc | tar -t`, argv: ['sh', '-c', `${c} -dc '${blob}' | tar -t > /dev/null`], status: 0 }, ROUNDS);
      // Node's own decompressor alone, writing nothing: what no JavaScript above it can go below.
      const create = c === 'gzip' ? 'createGunzip' : 'createZstdDecompress';
      if (c === 'gzip' || 'createZstdDecompress' in zlib) {
        const script = `const z=require('node:zlib'),fs=require('node:fs');fs.createReadStream(${JSON.stringify(blob)},{highWaterMark:1<<20}).pipe(z.${create}({chunkSize:1<<18})).resume()`;
        line(`  the same against Node's ${create} alone`, plinth, { name: `node ${create}`, argv: [process.execPath, '-e', script], status: 0 }, ROUNDS);
      }
    }
    console.log(`load after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
