// readImageContents: stream every layer once (bottom-up), merge, then analyze the merged tree.
import { analyze } from './analyze.js';
import { ImageFilesystem } from './filesystem.js';
import { readLayer, type ReadLayer } from './layer.js';

const LAYERS_IN_FLIGHT = 2;
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
  // Two layers in flight: decompression runs on libuv's pool, so the next layer inflates while this one
  // is merged. Layers are still applied strictly in order.
  const n = source.layers.length;
  const start = (i: number): Promise<ReadLayer> => {
    const layer = source.layers[i]!;
    const p = layer.open().then((stream) => readLayer(stream, layer.mediaType, want, `${i + 1}/${n} (${layer.digest}) of ${source.name}`));
    p.catch(() => {}); // awaited below, in order; this only keeps a later failure from being unhandled meanwhile
    return p;
  };
  const inFlight: Promise<ReadLayer>[] = [];
  for (let i = 0; i < Math.min(LAYERS_IN_FLIGHT, n); i++) inFlight[i] = start(i);
  for (let i = 0; i < n; i++) {
    const read = await inFlight[i]!;
    if (i + LAYERS_IN_FLIGHT < n) inFlight[i + LAYERS_IN_FLIGHT] = start(i + LAYERS_IN_FLIGHT);
    fs.apply(read.entries, i);
    layers.push({ digest: source.layers[i]!.digest, compression: read.compression, tarBytes: read.tarBytes, fileBytes: read.fileBytes });
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
