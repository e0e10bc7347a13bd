// Generated files for the inspect benches where no Debian tree can be built: half random, half text,
// so their layers compress like real ones.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILLER_MB_PER_LAYER = 50;

/** 50 files of 1 MiB under `dir`, different for each `layer`. */
export async function fillerTree(dir: string, layer: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  let seed = createHash('sha256').update(`filler-${layer}`).digest();
  for (let i = 0; i < FILLER_MB_PER_LAYER; i++) {
    const chunks: Buffer[] = [];
    for (let k = 0; k < 512 * 1024; k += 32) {
      seed = createHash('sha256').update(seed).digest();
      chunks.push(seed);
    }
    const text = Buffer.from(`line ${layer}-${i}: the quick brown fox jumps over the lazy dog\n`.repeat(8000)).subarray(0, 512 * 1024);
    await writeFile(join(dir, `file-${i}.bin`), Buffer.concat([...chunks, text]));
  }
}
