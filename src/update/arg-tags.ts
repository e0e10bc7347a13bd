// Tags built from one ARG (`ARG NODE_VERSION=22.12.0` / `FROM node:${NODE_VERSION}-alpine`): pin leaves
// them (a digest would freeze the ARG), but update can move the ARG's default, as long as every image
// that uses the ARG agrees on the new value and the literal parts of the tag stay as written.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import { argDefaultSpanOf } from '../fix/edits.js';
import { isPlain, type Span } from '../fix/spans.js';
import { tryParseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';

export interface ArgTagTarget {
  /** Line of the FROM/COPY/RUN that uses the ARG. */
  line: number;
  /** The image text as written (`node:${NODE_VERSION}-alpine`). */
  raw: string;
  arg: string;
  /** The ARG default's bytes and line. */
  span: Span;
  argLine: number;
  ref: ImageRef;
  /** The tag's literal text before and after the ARG. */
  before: string;
  after: string;
}

// name:<literal>${VAR}<literal>, the variable once and only in the tag.
const ONE_ARG_TAG = /^([^$@]+):([^$@]*)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))([^$@]*)$/;

export function argTagTargets(file: Dockerfile, model: BuildModel): ArgTagTarget[] {
  const out: ArgTagTarget[] = [];
  const add = (raw: string, expanded: string | null, line: number): void => {
    const m = ONE_ARG_TAG.exec(raw);
    if (!m || !expanded) return;
    const name = (m[3] ?? m[4])!;
    let arg = null;
    for (const a of model.globalArgs) if (a.name === name) arg = a;
    const span = arg ? argDefaultSpanOf(file, arg) : null;
    const ref = tryParseReference(expanded);
    if (!arg || !span || !isPlain(span) || span.text === '' || span.text.includes('$') || !ref || ref.digest) return;
    out.push({ line, raw, arg: name, span, argLine: arg.instruction.line, ref, before: m[2]!, after: m[5]! });
  };
  for (const s of model.stages) if (!s.scratch && s.fromStage === null) add(s.rawImage, s.image, s.from.line);
  for (const s of model.stages) for (const src of s.sources) if (src.stage === null) add(src.text, src.image, src.instruction.line);
  return out;
}

/** The ARG value that makes `template` read `tag`, or null when the literal parts would have to change. */
export function argValueFor(t: ArgTagTarget, tag: string): string | null {
  if (!tag.startsWith(t.before) || !tag.endsWith(t.after) || tag.length < t.before.length + t.after.length) return null;
  const value = tag.slice(t.before.length, tag.length - t.after.length);
  return value === '' ? null : value;
}
