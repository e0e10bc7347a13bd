import { PlinthError } from '../types.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { GlobalArg, Stage, StageSource } from '../dockerfile/stage.js';
import { replaceFile } from '../util/atomic.js';
import { argDefaultSpan, copyFromSpan, fromImageSpan, isPlain, mountFromSpan, type Span } from './spans.js';

/** A replacement of source[start, end) by text. Edits keep everything else byte for byte. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; throws if two overlap (a bug in the caller, not user input). */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** Thrown when the text to replace cannot be found as one piece (e.g. split by a continuation). */
export class FixError extends PlinthError {
  constructor(message: string, readonly path: string, readonly line: number) {
    super('fix', message);
  }
}

function edit(span: Span | null, text: string, path: string, line: number, what: string): TextEdit {
  if (!span || !isPlain(span)) throw new FixError(`cannot rewrite ${what} in place`, path, line);
  return { start: span.start, end: span.end, text };
}

/** Where a stage's image text is written on its FROM line. */
export function stageImageSpan(file: Dockerfile, stage: Stage): Span | null {
  return fromImageSpan(file, stage.from);
}

/** Replaces the image word of a FROM, keeping `--platform`, `AS name`, comments and layout. */
export function replaceStageImage(file: Dockerfile, stage: Stage, newImageText: string): TextEdit {
  return edit(stageImageSpan(file, stage), newImageText, file.path, stage.from.line, 'the FROM image');
}

/** Where a `COPY --from=` or `RUN --mount=...,from=` image is written. */
export function sourceImageSpan(file: Dockerfile, src: StageSource): Span | null {
  for (const f of src.instruction.flags) {
    const span = src.kind === 'copy' ? copyFromSpan(file, f) : mountFromSpan(file, f);
    if (span) return span;
  }
  return null;
}

/** Replaces the image of a `COPY --from=` / `RUN --mount=...,from=` flag. */
export function replaceSourceImage(file: Dockerfile, src: StageSource, newImageText: string): TextEdit {
  const what = src.kind === 'copy' ? 'the --from image' : 'the --mount from= image';
  return edit(sourceImageSpan(file, src), newImageText, file.path, src.instruction.line, what);
}

/** Where a global ARG's default is written (quotes excluded). */
export function argDefaultSpanOf(file: Dockerfile, arg: GlobalArg): Span | null {
  return argDefaultSpan(file, arg.instruction, arg.name);
}

/** Replaces the default of `ARG NAME=default`, keeping its quotes. */
export function replaceArgDefault(file: Dockerfile, arg: GlobalArg, newValue: string): TextEdit {
  return edit(argDefaultSpanOf(file, arg), newValue, file.path, arg.instruction.line, `the default of ARG ${arg.name}`);
}

/**
 * Applies edits and writes the file atomically; `source` is the text the offsets refer to. A byte
 * order mark the parser set aside is written back. Returns the new text, or null when nothing changed.
 */
export async function writeFixed(path: string, source: string, edits: readonly TextEdit[], options: { bom?: boolean } = {}): Promise<string | null> {
  const next = applyEdits(source, edits);
  if (next === source) return null;
  const bom = options.bom && !next.startsWith('\uFEFF') ? '\uFEFF' : '';
  await replaceFile(path, (options.bom && !source.startsWith('\uFEFF') ? '\uFEFF' : '') + source, bom + next);
  return next;
}
