// Flags that mean the same in every command, parsed in one place: build args, dates, platforms and
// registry access. A bad value is a UsageError (one line, exit 2).
import { join, resolve } from 'node:path';
import { UsageError, type CliIO } from './io.js';
import { loadConfig } from '../config/load.js';
import { parsePlatform, type Platform } from '../reference/platform.js';
import { parseRegistryMirrors } from '../registry/hosts.js';
import type { Registry } from '../registry/types.js';

export const REGISTRY_FLAGS = {
  platform: { type: 'string' },
  'registry-mirror': { type: 'string', multiple: true },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

export interface RegistryFlagValues {
  config?: string | undefined;
  platform?: string | undefined;
  'registry-mirror'?: string[] | undefined;
  'cache-dir'?: string | undefined;
  'no-cache'?: boolean | undefined;
  timeout?: string | undefined;
}

/** `NAME=VALUE` (repeatable); a bare NAME takes its value from the environment, as `docker build` does. */
export function parseBuildArgs(values: readonly string[], env: NodeJS.ProcessEnv = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq === 0) throw new UsageError(`--build-arg wants NAME=VALUE, got '${v}'`);
    if (eq > 0) out[v.slice(0, eq)] = v.slice(eq + 1);
    else if (env[v] !== undefined) out[v] = env[v] as string;
  }
  return out;
}

/** A real calendar date in yyyy-mm-dd. */
export function parseDateFlag(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== text) throw new UsageError(`--date must be a date as YYYY-MM-DD, got '${text}'`);
  return text;
}

/** `--platform os/arch[/variant]`. */
export function parsePlatformFlag(text: string): Platform {
  try {
    return parsePlatform(text);
  } catch {
    throw new UsageError(`--platform wants OS/ARCH[/VARIANT], got '${text}'`);
  }
}

/** `--registry-mirror REGISTRY=URL` values by registry (index.docker.io and registry-1.docker.io are docker.io). */
export function parseMirrorFlags(values: readonly string[]): Record<string, string[]> {
  try {
    return parseRegistryMirrors(values);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `--timeout SECONDS`: how long a request may wait for a registry's next byte (0.1 to 600). */
export function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || seconds < 0.1 || seconds > 600) throw new UsageError(`--timeout must be seconds between 0.1 and 600, got '${text}'`);
  return Math.round(seconds * 1000);
}

/** `fresh`: never answer a tag from the cache (pin must see where the tag points now). */
export async function registryFromFlags(v: RegistryFlagValues, io: CliIO, options: { fresh?: boolean; fetch?: typeof fetch } = {}): Promise<Registry> {
  if (v.platform !== undefined) parsePlatformFlag(v.platform);
  const mirrors = parseMirrorFlags(v['registry-mirror'] ?? []);
  const timeoutMs = v.timeout === undefined ? undefined : parseTimeout(v.timeout);
  // The config's `registries:` (found upward from the working directory, or --config) gives mirrors
  // and insecure hosts; --registry-mirror adds to them.
  // (The rule ids check the config's rule names; the rules load here only, inspect and compare need none.)
  const { ruleIds } = await import('../rules/registry.js');
  const config = await loadConfig(join(io.cwd, 'Dockerfile'), v.config ? resolve(io.cwd, v.config) : undefined, { knownRules: ruleIds });
  // The registry client loads only for the commands and flags that ask a registry.
  const { createRegistry } = await import('../registry/index.js');
  return createRegistry({
    registries: config.registries,
    ...(options.fresh ? { tagTtlMs: 0 } : {}),
    mirrors,
    ...(v['cache-dir'] ? { cacheDir: v['cache-dir'] } : {}),
    noCache: Boolean(v['no-cache']),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    env: io.env,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
