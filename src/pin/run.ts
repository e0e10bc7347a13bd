// pin over many files: plan every file, resolve all tags together, then write each file atomically.
import { NotReadable, readDockerfile } from '../util/read-regular.js';
import { WriteRefused } from '../util/atomic.js';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import { DockerfileError } from '../dockerfile/types.js';
import { applyEdits, writeFixed } from '../fix/edits.js';
import type { Registry } from '../registry/types.js';
import { decidePins, offlinePins, pinEdits } from './pin.js';
import { planPins } from './plan.js';
import type { PinOutcome, PinSkip } from './types.js';

export interface PinRunOptions {
  /** write: rewrite files; dry-run: compute the new text only; check: resolve everything, write nothing. */
  mode: 'write' | 'dry-run' | 'check';
  refresh?: boolean;
  buildArgs?: Record<string, string>;
  platform?: string;
  concurrency?: number;
  /** check only: say which lines carry no digest without asking a registry (a pre-commit hook). */
  offline?: boolean;
}

export interface FilePinResult {
  path: string;
  /** The text as read and as pinned ('after' equals 'before' when nothing changes). */
  before: string;
  after: string;
  outcomes: PinOutcome[];
  skipped: PinSkip[];
  /** `path:line: message` when the file could not be read or parsed. */
  error: string | null;
  written: boolean;
}

export interface PinRunResult {
  files: FilePinResult[];
}

export async function pinFiles(paths: readonly string[], registry: Registry | null, options: PinRunOptions): Promise<PinRunResult> {
  const files: FilePinResult[] = [];
  const parsed = [];
  for (const path of paths) {
    try {
      const raw = readDockerfile(path);
      const file = parseDockerfile(raw, path);
      const model = buildModel(file, { ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}), ...(options.platform ? { platform: options.platform } : {}) });
      parsed.push({ path, file, plan: planPins(file, model) });
    } catch (err) {
      files.push({ path, before: '', after: '', outcomes: [], skipped: [], error: describe(err, path), written: false });
    }
  }
  const all = parsed.flatMap((p) => p.plan.targets);
  if (options.offline ? options.mode !== 'check' : !registry) throw new Error('pin: offline is for check mode only; otherwise a registry is needed');
  const outcomes =
    options.offline || !registry
      ? offlinePins(all)
      : await decidePins(registry, all, {
          refresh: options.refresh ?? false,
          verify: options.mode === 'check',
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        });
  for (const p of parsed) {
    const mine = outcomes.filter((o) => o.target.file === p.file);
    const edits = options.mode === 'check' ? [] : pinEdits(mine);
    const before = p.file.source;
    let after = applyEdits(before, edits);
    let written = false;
    let error: string | null = null;
    if (options.mode === 'write' && after !== before) {
      // A refused write (the file changed meanwhile, hard links) is this file's error; the others are still written.
      try {
        await writeFixed(p.path, before, edits, { bom: p.file.bom });
        written = true;
      } catch (err) {
        if (!(err instanceof WriteRefused)) throw err;
        error = err.message;
      }
    }
    if (p.file.bom && !before.startsWith('\uFEFF')) after = `\uFEFF${after}`;
    files.push({ path: p.path, before: withBom(before, p.file.bom), after, outcomes: mine, skipped: p.plan.skipped, error, written });
  }
  files.sort((a, b) => paths.indexOf(a.path) - paths.indexOf(b.path));
  return { files };
}

function withBom(text: string, bom: boolean): string {
  return bom && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
}

/** One line for a file that could not be read or parsed (`path:line: message`), named as `path`. */
export function describe(err: unknown, path: string): string {
  if (err instanceof DockerfileError) return `${path}:${err.line}: ${err.message}`;
  // (readDockerfile names the path itself.)
  if (err instanceof NotReadable) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return `${path}: no such file`;
  return `${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(err)}`;
}
