// Locating image texts in the source so edits replace only those bytes (flags, AS, comments,
// continuations, quotes, line endings and keyword case all stay as written).
import type { Dockerfile, Flag, Instruction, Word } from '../dockerfile/types.js';

/** Where a piece of text sits in the source, quotes excluded. */
export interface Span {
  start: number;
  end: number;
  /** The bytes of the source in [start, end). */
  text: string;
}

const QUOTES = new Set(['"', "'"]);

/** Strips one pair of matching quotes around [start, end). */
export function unquote(source: string, start: number, end: number): Span {
  const first = source[start];
  if (end - start >= 2 && first !== undefined && QUOTES.has(first) && source[end - 1] === first) {
    start += 1;
    end -= 1;
  }
  return { start, end, text: source.slice(start, end) };
}

/** The first argument word after the flags (the image of a FROM). */
export function firstArgWord(inst: Instruction): Word | null {
  const flagsEnd = inst.flags.reduce((m, f) => Math.max(m, f.end), inst.start);
  for (const w of inst.words) {
    if (w.start < flagsEnd) continue;
    if (w.value.startsWith('--')) continue;
    return w;
  }
  return null;
}

/** The image word of a FROM instruction. */
export function fromImageSpan(file: Dockerfile, inst: Instruction): Span | null {
  const w = firstArgWord(inst);
  return w ? unquote(file.source, w.start, w.end) : null;
}

/** The value of `--from=<value>` on COPY/ADD. */
export function copyFromSpan(file: Dockerfile, flag: Flag): Span | null {
  const raw = file.source.slice(flag.start, flag.end);
  const m = /^--from=/i.exec(raw);
  if (!m) return null;
  return unquote(file.source, flag.start + m[0].length, flag.end);
}

/** The `from=` field of `--mount=type=...,from=<value>,...` on RUN (CSV fields, optionally quoted). */
export function mountFromSpan(file: Dockerfile, flag: Flag): Span | null {
  const raw = file.source.slice(flag.start, flag.end);
  const head = /^--mount=/i.exec(raw);
  if (!head) return null;
  let i = head[0].length;
  while (i < raw.length) {
    // One CSV field: up to the next comma outside quotes.
    let j = i;
    let quote: string | null = null;
    while (j < raw.length && (quote !== null || raw[j] !== ',')) {
      const c = raw[j]!;
      if (quote === null && QUOTES.has(c)) quote = c;
      else if (c === quote) quote = null;
      j++;
    }
    const field = unquote(raw, i, j);
    const eq = field.text.indexOf('=');
    if (eq > 0 && field.text.slice(0, eq).trim().toLowerCase() === 'from') {
      const v = unquote(raw, field.start + eq + 1, field.end);
      return { start: flag.start + v.start, end: flag.start + v.end, text: v.text };
    }
    i = j + 1;
  }
  return null;
}

/** The default of `ARG NAME=default` (quotes excluded); null when the ARG has no default. */
export function argDefaultSpan(file: Dockerfile, inst: Instruction, name: string): Span | null {
  for (const w of inst.words) {
    const raw = file.source.slice(w.start, w.end);
    const eq = raw.indexOf('=');
    if (eq <= 0 || raw.slice(0, eq) !== name) continue;
    return unquote(file.source, w.start + eq + 1, w.end);
  }
  return null;
}

/** True when the text can be replaced as one piece (no continuation or comment inside it). */
export function isPlain(span: Span): boolean {
  return !/[\r\n]/.test(span.text);
}
