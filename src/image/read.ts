// readImageContents: stream every layer once (bottom-up), merge, then analyze the merged tree.
import { analyze } from './analyze.js';
import { ImageFilesystem } from './filesystem.js';
import { readLayer } from './layer.js';
import { openImageSource, type OpenOptions } from './open.js';
import type { ImageContents, ImageSource } from './types.js';
import { configEnv, wantedBodies } from './wanted.js';

export async function readImageContents(source: ImageSource | string, options: OpenOptions = {}): Promise<ImageContents> {
  if (typeof source === 'string') {
    const opened = await openImageSource(source, options);
    try {
      return await readImageContents(opened, options);
    } finally {
      await opened.close();
    }
  }
  const env = configEnv(source.config.config?.Env);
  const want = wantedBodies(env);
  const fs = new ImageFilesystem();
  const layers: ImageContents['layers'] = [];
  for (const [i, layer] of source.layers.entries()) {
    const stream = await layer.open();
    const read = await readLayer(stream, layer.mediaType, want, `${i + 1}/${source.layers.length} (${layer.digest}) of ${source.name}`);
    fs.apply(read.entries, i);
    layers.push({ digest: layer.digest, compression: read.compression, tarBytes: read.tarBytes, fileBytes: read.fileBytes });
  }
  const warnings: string[] = [];
  const found = await analyze(fs, env, warnings);
  const cfg = source.config.config ?? {};
  return {
    ...found,
    uncompressedBytes: layers.reduce((n, l) => n + l.fileBytes, 0),
    filesystemBytes: fs.regularFileBytes(),
    user: cfg.User ? cfg.User : null,
    entrypoint: cfg.Entrypoint ?? null,
    cmd: cfg.Cmd ?? null,
    layers,
    warnings,
  };
}
