// Registry flags shared by `pin` and `lint --online`: mirrors, cache, platform.
import type { CliIO } from '../cli/io.js';
import { UsageError } from '../cli/io.js';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { createRegistry } from '../registry/index.js';
import type { Registry } from '../registry/types.js';

export const REGISTRY_FLAGS = {
  platform: { type: 'string' },
  'registry-mirror': { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export interface RegistryFlagValues {
  config?: string | undefined;
  platform?: string | undefined;
  'registry-mirror'?: string[] | undefined;
  'cache-dir'?: string | undefined;
  'no-cache'?: boolean | undefined;
}

/** `docker.io=http://127.0.0.1:5000` (repeatable) -> { 'docker.io': ['http://127.0.0.1:5000'] }. */
export function parseMirrors(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0 || eq === v.length - 1) throw new UsageError(`--registry-mirror wants REGISTRY=URL, got '${v}'`);
    const host = v.slice(0, eq).trim();
    const url = v.slice(eq + 1).trim();
    if (!/^https?:\/\//.test(url)) throw new UsageError(`--registry-mirror: '${url}' is not an http(s) URL`);
    (out[host] ??= []).push(url);
  }
  return out;
}

/** `NAME=VALUE` (repeatable); a bare NAME takes its value from the environment as docker build does. */
export function parseBuildArgs(values: readonly string[], env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq === 0) throw new UsageError(`--build-arg wants NAME=VALUE, got '${v}'`);
    if (eq < 0) {
      const fromEnv = env[v];
      if (fromEnv !== undefined) out[v] = fromEnv;
    } else out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** `fresh`: never answer a tag from the cache (pin must see where the tag points now). */
export async function registryFromFlags(v: RegistryFlagValues, io: CliIO, options: { fresh?: boolean } = {}): Promise<Registry> {
  // The config's `registries:` (found upward from the working directory, or --config) gives mirrors
  // and insecure hosts; --registry-mirror adds to them.
  const config = await loadConfig(join(io.cwd, 'Dockerfile'), v.config ? resolve(io.cwd, v.config) : undefined);
  return createRegistry({
    registries: config.registries,
    ...(options.fresh ? { tagTtlMs: 0 } : {}),
    mirrors: parseMirrors(v['registry-mirror'] ?? []),
    ...(v['cache-dir'] ? { cacheDir: v['cache-dir'] } : {}),
    noCache: Boolean(v['no-cache']),
    env: io.env,
  });
}
