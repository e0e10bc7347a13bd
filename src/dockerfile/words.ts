// Word-level helpers of BuildKit's line parsers (parseWords, flag extraction, JSON form),
// working on char codes over a range of one logical line and returning positions.
import { InputError } from '../util/input-error.js';
import { isSpaceCode } from './chars.js';

/** A [start, end) range of a logical line. */
export interface Range {
  start: number;
  end: number;
}

/** `[\t\v\f\r ]`: the separator BuildKit's parser splits commands on. */
export function isSepCode(c: number): boolean {
  // (Most characters are above 32: one comparison rules them out.)
  return c <= 32 && (c === 32 || c === 9 || c === 11 || c === 12 || c === 13);
}

export function trimStart(s: string, i: number, end: number): number {
  while (i < end && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

export function trimEnd(s: string, start: number, end: number): number {
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * BuildKit's parseWords: whitespace-separated words, quotes and escapes kept in the value, as flat
 * [start, end, start, end, ...] pairs appended to `out` (no object per word); a word's value is
 * line.slice(start, end).
 */
export function wordBounds(line: string, s: number, e: number, esc: number, out: number[]): number[] {
  let i = s;
  let ws = -1;
  let quote = 0;
  while (i < e) {
    const c = line.charCodeAt(i);
    if (ws < 0) {
      if (isSpaceCode(c)) {
        i++;
        continue;
      }
      ws = i;
    }
    if (quote === 0) {
      if (isSpaceCode(c)) {
        out.push(ws, i);
        ws = -1;
        i++;
        continue;
      }
      if (c === 39 || c === 34) {
        quote = c;
        i++;
        continue;
      }
      if (c === esc) {
        if (i + 1 === e) {
          if (i > ws) out.push(ws, i);
          return out;
        }
        i += 2;
        continue;
      }
      i++;
    } else {
      if (c === quote) {
        quote = 0;
        i++;
        continue;
      }
      if (c === esc && quote !== 39) {
        if (i + 1 === e) {
          if (i > ws) out.push(ws, i);
          return out;
        }
        i += 2;
        continue;
      }
      i++;
    }
  }
  if (ws >= 0 && e > ws) out.push(ws, e);
  return out;
}

export interface RawFlag extends Range {
  /** The flag word after quote and escape removal, e.g. `--from=build`. */
  text: string;
}

/** BuildKit's extractBuilderFlags: leading `--flag` words; returns them and where the rest starts. */
export function extractFlags(line: string, s: number, e: number): { flags: RawFlag[]; rest: number } {
  const flags: RawFlag[] = [];
  let i = s;
  for (;;) {
    while (i < e && isSpaceCode(line.charCodeAt(i))) i++;
    if (i >= e) return { flags, rest: e };
    if (line.charCodeAt(i) !== 45 || i + 1 >= e || line.charCodeAt(i + 1) !== 45) return { flags, rest: i };
    const ws = i;
    let word = '';
    let run = i;
    let quote = 0;
    let blankOK = false;
    let ended = false;
    while (i < e) {
      const c = line.charCodeAt(i);
      if (quote === 0) {
        if (isSpaceCode(c)) {
          ended = true;
          break;
        }
        if (c === 39 || c === 34) {
          word += line.slice(run, i);
          quote = c;
          blankOK = true;
          run = ++i;
          continue;
        }
        if (c === 92) {
          word += line.slice(run, i);
          run = ++i;
          if (i < e) i++;
          continue;
        }
        i++;
      } else {
        if (c === quote) {
          word += line.slice(run, i);
          quote = 0;
          run = ++i;
          continue;
        }
        if (c === 92) {
          word += line.slice(run, i);
          run = ++i;
          if (i >= e) quote = 0;
          else i++;
          continue;
        }
        i++;
      }
    }
    word += line.slice(run, i);
    if (word === '--') return { flags, rest: ended ? i : e };
    if (blankOK || word.length > 0) flags.push({ start: ws, end: i, text: word });
    if (!ended) return { flags, rest: e };
  }
}

export const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/**
 * BuildKit's parseJSON: a JSON array of strings, or null when the text is not a JSON array
 * (the caller falls back to shell form). Throws for an array with a non-string element.
 */
export function parseJsonArray(text: string): string[] | null {
  let i = 0;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 91) return null;
  const simple = simpleStringArray(text, i);
  if (simple !== null) return simple;
  let value: unknown;
  try {
    value = JSON.parse(i === 0 ? text : text.slice(i));
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  for (const v of value) if (typeof v !== 'string') throw new InputError(NOT_STRING_ARRAY);
  return value as string[];
}

const isJsonSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Fast path for the common `["a", "b"]`: strings without escapes or control characters. Returns
 * null whenever anything else appears, and JSON.parse decides.
 */
function simpleStringArray(text: string, i: number): string[] | null {
  const n = text.length;
  const out: string[] = [];
  i++;
  while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 93) {
    i++;
  } else {
    for (;;) {
      if (text.charCodeAt(i) !== 34) return null;
      const start = ++i;
      for (;;) {
        if (i >= n) return null;
        const c = text.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 || c < 32) return null;
        i++;
      }
      out.push(text.slice(start, i));
      i++;
      while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
      const c = text.charCodeAt(i);
      i++;
      if (c === 93) break;
      if (c !== 44) return null;
      while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
    }
  }
  while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
  return i === n ? out : null;
}

/** Splits on runs of `[\t\v\f\r ]` (text has no leading/trailing separators). */
export function splitSep(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let ws = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (isSepCode(text.charCodeAt(i))) {
      out.push(text.slice(ws, i));
      while (i < n && isSepCode(text.charCodeAt(i))) i++;
      ws = i;
    } else i++;
  }
  out.push(text.slice(ws));
  return out;
}

/** parseJsonArray after a cheap check that the first non-space character is `[`. */
export function maybeJson(text: string): string[] | null {
  const c = text.charCodeAt(0);
  if (c !== 91 && !(isSpaceCode(c) && text.charCodeAt(trimStart(text, 0, text.length)) === 91)) return null;
  return parseJsonArray(text);
}

/** ENV/LABEL: `name value` (legacy) or `name=value ...`, as BuildKit's [name, value, sep] triples. */
export function nameVal(line: string, s: number, e: number, esc: number, keyword: string): string[] {
  const out: string[] = [];
  nameValInto(line, s, e, esc, keyword, out);
  return out;
}

// Text without escapes or non-ASCII spaces (outside quotes) splits into words at ASCII blanks alone,
// so one native match can tell that it is well formed: words that each have an `=` outside quotes
// (`a=1 b="x y"`), or a first word of plain characters without `=` and a blank after it (legacy
// `name value`). Anything else takes nameVal's own scan.
const PLAIN = String.raw`[^\s\x85="'\\\x60]`;
const QUOTED = String.raw`"[^"\\\x60]*"|'[^']*'`;
const PAIR = String.raw`(?:${PLAIN}|${QUOTED})*=(?:${PLAIN}|=|${QUOTED})*`;
const PLAIN_PAIRS = new RegExp(String.raw`^${PAIR}(?:[ \t\v\f\r]+${PAIR})*$`);
const PLAIN_LEGACY = new RegExp(String.raw`^${PLAIN}+[ \t\v\f\r]`);

/**
 * Throws, as nameVal would, when an ENV/LABEL argument text (trimmed, one logical line) is
 * malformed; builds nothing.
 */
export function checkNameVal(text: string, esc: number, keyword: string): void {
  if (PLAIN_PAIRS.test(text) || PLAIN_LEGACY.test(text)) return;
  nameValInto(text, 0, text.length, esc, keyword, null);
}

/** nameVal's triples appended to `out`; with `out` null, only its checks. */
function nameValInto(line: string, s: number, e: number, esc: number, keyword: string, out: string[] | null): void {
  const words = wordBounds(line, s, e, esc, []);
  if (words.length === 0) return;
  const eq0 = line.indexOf('=', words[0]!);
  if (eq0 < 0 || eq0 >= words[1]!) {
    let i = s;
    while (i < e && !isSepCode(line.charCodeAt(i))) i++;
    if (i >= e) throw new InputError(`${keyword} must have two arguments`);
    let j = i;
    while (j < e && isSepCode(line.charCodeAt(j))) j++;
    out?.push(line.slice(s, i), line.slice(j, e), '');
    return;
  }
  for (let k = 0; k < words.length; k += 2) {
    const start = words[k]!;
    const end = words[k + 1]!;
    const eq = line.indexOf('=', start);
    if (eq < 0 || eq >= end) throw new InputError(`Syntax error - can't find = in ${JSON.stringify(line.slice(start, end))}. Must be of the form: name=value`);
    out?.push(line.slice(start, eq), line.slice(eq + 1, end), '=');
  }
}
