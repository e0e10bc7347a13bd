// Finding and reading config files: `.plinthrc.{yaml,yml,json}`, `plinth.config.{js,mjs}`.
import { pushAll } from '../util/push-all.js';
import { statSync } from 'node:fs';
import { NotReadable, readRegularFile } from '../util/read-regular.js';
import { importExternal } from '../util/import-external.js';
import { basename, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Node } from 'yaml';
import type { Config } from './types.js';
import { defaultConfig } from './types.js';
import { ConfigError, validateConfig, type Locate } from './validate.js';

/**
 * Looked for in this order in each directory. Only data: a linted tree may come from a stranger's
 * pull request, so a `plinth.config.js`/`.mjs` found there never runs; it loads only when the user
 * names it with --config.
 */
export const CONFIG_NAMES = ['.plinthrc.yaml', '.plinthrc.yml', '.plinthrc.json'];

export interface LoadOptions {
  /**
   * Rule ids a config may name; an unknown id is an error. The sessions pass the registered rules'
   * ids (config/ sits below rules/); without it, rule ids are not checked.
   */
  knownRules?: ReadonlySet<string>;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

type Yaml = typeof import('yaml');

/** The YAML library, loaded only when a config file is read: linting without one never pays for it. */
let yamlModule: Yaml | undefined;
async function loadYaml(): Promise<Yaml> {
  // (A bundle gives a CommonJS package's exports as the default export only.)
  const m = (await import('yaml')) as Yaml & { default?: Yaml };
  return (yamlModule ??= typeof m.LineCounter === 'function' ? m : m.default!);
}

/** A config file past this is refused: a real one is a few kB (50,000 rule keys are 700 kB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function yamlLocate(source: string, json = false): { value: unknown; locate: Locate } {
  const { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar } = yamlModule!;
  const lines = new LineCounter();
  // (The library's own uniqueKeys check compares each key with every earlier one: a 50,000-key
  // mapping took 12 s. The walk below does it with a set, in one pass.)
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: false, ...(json ? { schema: 'json' as const } : {}) });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0].line ?? null;
    throw Object.assign(new Error(first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')), { line });
  }
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const p of node.items) {
        if (isScalar(p.key)) {
          const key = String(p.key.value);
          if (seen.has(key)) throw Object.assign(new Error(`Map keys must be unique ('${key.slice(0, 64)}' is given twice)`), { line: p.key.range ? lines.linePos(p.key.range[0]).line : null });
          seen.add(key);
        }
        stack.push(p.value);
      }
    } else if (isSeq(node)) pushAll(stack, node.items);
  }
  const locate: Locate = (path, part) => {
    let node: unknown = doc.contents;
    let keyNode: unknown = null;
    for (const step of path) {
      keyNode = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (!pair) return null;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number') {
        node = node.items[step];
      } else return null;
    }
    const target = (part === 'key' && keyNode ? keyNode : node ?? keyNode) as Node | null;
    const offset = target?.range?.[0];
    return offset === undefined ? null : lines.linePos(offset).line;
  };
  return { value: doc.toJS(), locate };
}

/** Strict JSON.parse for the value; the YAML parser (JSON is YAML) for lines. */
function jsonLocate(source: string): { value: unknown; locate: Locate } {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    let line: number | null = null;
    let why = (err as Error).message.split('\n')[0]!;
    try {
      yamlLocate(source, true);
    } catch (yamlErr) {
      line = (yamlErr as { line?: number | null }).line ?? null;
      why = (yamlErr as Error).message;
    }
    throw Object.assign(new Error(`invalid JSON: ${why}`), { line });
  }
  try {
    return { value, locate: yamlLocate(source, true).locate };
  } catch {
    return { value, locate: () => null };
  }
}

/** Reads and validates one config file. */
export async function readConfigFile(path: string, options: LoadOptions = {}): Promise<Config> {
  const known = options.knownRules;
  const name = basename(path);
  if (/\.(m?js|cjs)$/.test(name)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await importExternal(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`cannot load: ${(err as Error).message.split('\n')[0]}`, path, null);
    }
    return validateConfig(mod.default ?? null, path, undefined, known);
  }
  let source: string;
  try {
    source = readRegularFile(path, MAX_CONFIG_BYTES);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'no such config file' : err instanceof NotReadable && err.code === 'EFBIG' ? `${err.message}: not a config file` : `cannot read: ${(err as Error).message}`, path, null);
  }
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  await loadYaml();
  try {
    const { value, locate } = /\.json$/.test(name) ? jsonLocate(source) : yamlLocate(source);
    return validateConfig(value, path, locate, known);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError((err as Error).message, path, (err as { line?: number | null }).line ?? null);
  }
}

/** The config file that applies to `dir`: the nearest one found upward, or null. */
export function findConfigFile(dir: string): string | null {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const name of CONFIG_NAMES) {
      const candidate = resolve(d, name);
      if (isFile(candidate)) return candidate;
    }
    if (dirname(d) === d) return null;
  }
}

/**
 * Resolves the config for each Dockerfile, caching by directory and by config file, so a
 * directory of many Dockerfiles reads each config once.
 */
export class ConfigResolver {
  private byDir = new Map<string, Promise<Config>>();
  private byFile = new Map<string, Promise<Config>>();

  constructor(private readonly explicit: string | null = null, private readonly options: LoadOptions = {}) {}

  /** Config for a Dockerfile at `path` (stdin: pass a path in the working directory). */
  forFile(path: string): Promise<Config> {
    if (this.explicit) return this.load(this.explicit);
    const dir = dirname(resolve(path));
    let found = this.byDir.get(dir);
    if (!found) {
      const file = findConfigFile(dir);
      found = file ? this.load(file) : Promise.resolve(defaultConfig);
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(file: string): Promise<Config> {
    let p = this.byFile.get(file);
    if (!p) {
      p = readConfigFile(file, this.options);
      this.byFile.set(file, p);
    }
    return p;
  }
}

/** The config for one Dockerfile: `explicit` (a `--config` path) or the nearest file upward. */
export async function loadConfig(dockerfilePath: string, explicit?: string, options: LoadOptions = {}): Promise<Config> {
  return new ConfigResolver(explicit ? resolve(explicit) : null, options).forFile(dockerfilePath);
}
