// BuildKit's shell-word lexer: quote removal, escapes and `$VAR` / `${VAR...}` expansion,
// with optional word splitting (what `ENV`, `ARG`, `FROM` ... see after expansion).

import { InputError } from '../util/input-error.js';

/** Returns a variable's value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;
export type EscapeChar = '\\' | '`';

/** A word that cannot be expanded (bad substitution, unterminated quote, `${V:?msg}`). */
/** Deeper `${...}` nesting is refused (BuildKit recurses too; no real Dockerfile nests past a few). */
const MAX_NESTING = 64;

export class ExpandError extends InputError {
  constructor(message: string) {
    super(message);
  }
}

export interface Expansion {
  value: string;
  /** Variables referenced as plain `$V` / `${V}` (or a pattern form) that were not set. */
  unset: string[];
  /** Every variable name that was looked up and set. */
  matched: string[];
}

/** Thrown inside the lexer: not an Error, so no stack trace is captured on the hot path. */
class Fail {
  constructor(readonly message: string) {}
}

import { isDigitAt, isSpecialParam, isSpaceCode, nameCharAt, Words } from './chars.js';
import { replacePattern, trimPattern } from './pattern.js';

export { isSpaceCode };

const SINGLE = 39;
const DOUBLE = 34;
const DOLLAR = 36;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const EOF = -1;

class Lexer {
  pos = 0;
  unset: string[] = [];
  matched: string[] = [];
  constructor(
    readonly src: string,
    readonly esc: number,
    readonly lookup: Lookup,
  ) {}

  private get(name: string): string | undefined {
    const v = this.lookup(name);
    if (v !== undefined && !this.matched.includes(name)) this.matched.push(name);
    return v;
  }

  private bare(name: string): string {
    const v = this.get(name);
    if (v === undefined) {
      if (!this.unset.includes(name)) this.unset.push(name);
      return '';
    }
    return v;
  }

  /** Length in code units of the character at pos (1, or 2 for a surrogate pair). */
  private charLen(i: number): number {
    const c = this.src.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff && i + 1 < this.src.length ? 2 : 1;
  }

  stopOn(stop: number, rawEscapes: boolean, words: Words | null): string {
    const s = this.src;
    const n = s.length;
    let out = '';
    let run = this.pos;
    while (this.pos < n) {
      const c = s.charCodeAt(this.pos);
      if (c === stop) {
        out += s.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c === SINGLE || c === DOUBLE || c === DOLLAR) {
        out += s.slice(run, this.pos);
        const t = c === SINGLE ? this.single() : c === DOUBLE ? this.double() : this.dollar();
        out += t;
        if (words) {
          if (c === DOLLAR) words.addString(t);
          else words.addRaw(t);
        }
        run = this.pos;
        continue;
      }
      if (c === this.esc) {
        out += s.slice(run, this.pos);
        this.pos++;
        if (this.pos >= n) {
          if (rawEscapes) out += s[this.pos - 1];
          run = this.pos;
          break;
        }
        if (rawEscapes) {
          out += s[this.pos - 1];
          words?.addRaw(s[this.pos - 1]!);
        }
        const len = this.charLen(this.pos);
        const ch = s.slice(this.pos, this.pos + len);
        this.pos += len;
        out += ch;
        words?.addRaw(ch);
        run = this.pos;
        continue;
      }
      const len = this.charLen(this.pos);
      if (words) words.addChar(len === 1 ? s[this.pos]! : s.slice(this.pos, this.pos + 2), c);
      this.pos += len;
    }
    out += s.slice(run, this.pos);
    if (stop !== EOF) throw new Fail(`unexpected end of statement while looking for matching ${String.fromCharCode(stop)}`);
    return out;
  }

  private single(): string {
    const s = this.src;
    const start = ++this.pos;
    const end = s.indexOf("'", start);
    if (end < 0) throw new Fail('unexpected end of statement while looking for matching single-quote');
    this.pos = end + 1;
    return s.slice(start, end);
  }

  private double(): string {
    const s = this.src;
    const n = s.length;
    this.pos++;
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= n) throw new Fail('unexpected end of statement while looking for matching double-quote');
      const c = s.charCodeAt(this.pos);
      if (c === DOUBLE) {
        out += s.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c === DOLLAR) {
        out += s.slice(run, this.pos);
        out += this.dollar();
        run = this.pos;
        continue;
      }
      if (c === this.esc) {
        const next = this.pos + 1 < n ? s.charCodeAt(this.pos + 1) : EOF;
        if (next === EOF) {
          // An escape at the very end is dropped (then the missing quote is reported).
          out += s.slice(run, this.pos);
          this.pos++;
          run = this.pos;
          continue;
        }
        if (next === DOUBLE || next === DOLLAR || next === this.esc) {
          out += s.slice(run, this.pos);
          this.pos++;
          run = this.pos;
          this.pos++;
          continue;
        }
      }
      this.pos++;
    }
  }

  private name(): string {
    const s = this.src;
    const n = s.length;
    const start = this.pos;
    if (start >= n) return '';
    let d = isDigitAt(s, start);
    if (d) {
      while (this.pos < n && (d = isDigitAt(s, this.pos))) this.pos += d;
      return s.slice(start, this.pos);
    }
    if (isSpecialParam(s.charCodeAt(start))) {
      this.pos++;
      return s[start]!;
    }
    let l: number;
    while (this.pos < n && (l = nameCharAt(s, this.pos))) this.pos += l;
    return s.slice(start, this.pos);
  }

  /** How deep `${...}` substitutions nest: a Dockerfile from a stranger may nest thousands deep. */
  private depth = 0;

  private dollar(): string {
    if (++this.depth > MAX_NESTING) throw new Fail(`substitutions nested more than ${MAX_NESTING} deep`);
    try {
      return this.substitution();
    } finally {
      this.depth--;
    }
  }

  private substitution(): string {
    const s = this.src;
    const n = s.length;
    this.pos++;
    if (this.pos >= n || s.charCodeAt(this.pos) !== LBRACE) {
      const name = this.name();
      return name === '' ? '$' : this.bare(name);
    }
    this.pos++;
    if (this.pos >= n) throw new Fail("syntax error: missing '}'");
    const first = s.charCodeAt(this.pos);
    if (first === LBRACE || first === RBRACE || first === COLON) throw new Fail('syntax error: bad substitution');
    const name = this.name();
    if (this.pos >= n) throw new Fail("syntax error: missing '}'");
    let ch = s[this.pos++]!;
    let mod = ch;
    if (ch === '}') return this.bare(name);
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      if (this.pos >= n) throw new Fail("syntax error: missing '}'");
      ch = s[this.pos++]!;
      mod += ch;
    } else if (ch === '/') {
      return this.replace(name);
    } else if (ch !== '+' && ch !== '-' && ch !== '?' && ch !== '#' && ch !== '%') {
      throw new Fail(`unsupported modifier (${mod}) in substitution`);
    }
    const rawEscapes = ch === '#' || ch === '%';
    if (nullIsUnset && rawEscapes) throw new Fail(`unsupported modifier (${mod}) in substitution`);
    let word: string;
    try {
      word = this.stopOn(RBRACE, rawEscapes, null);
    } catch (err) {
      if (this.pos >= n) throw new Fail("syntax error: missing '}'");
      throw err;
    }
    const value = this.get(name);
    const missing = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return missing ? word : value!;
      case '+':
        return missing ? '' : word;
      case '?':
        if (value === undefined) throw new Fail(`${name}: ${word || 'is not allowed to be unset'}`);
        if (missing) throw new Fail(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        const v = value ?? this.bare(name);
        let greedy = false;
        if (word.startsWith(ch)) {
          greedy = true;
          word = word.slice(1);
        }
        return trimPattern(v, word, ch === '#', greedy);
      }
      default:
        throw new Fail(`unsupported modifier (${mod}) in substitution`);
    }
  }

  private replace(name: string): string {
    const all = this.src.charCodeAt(this.pos) === 47;
    if (all) this.pos++;
    const pattern = this.stopOn(47, true, null);
    const replacement = this.stopOn(RBRACE, true, null);
    const value = this.bare(name);
    return replacePattern(value, pattern, replacement, all);
  }
}

function code(escape: EscapeChar | undefined): number {
  return escape === '`' ? 96 : 92;
}

function hasSpecial(text: string, esc: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOLLAR || c === SINGLE || c === DOUBLE || c === esc) return true;
  }
  return false;
}

/** Whether expanding the text can change it (a `$`, a quote or the escape character); else it is its own expansion. */
export function needsExpansion(text: string, escape?: EscapeChar): boolean {
  return hasSpecial(text, code(escape));
}

function rethrow(err: unknown): never {
  throw err instanceof Fail ? new ExpandError(err.message) : err;
}

/** Expands one word as BuildKit's ProcessWord does; throws ExpandError on bad input. */
export function expandWord(text: string, lookup: Lookup, escape?: EscapeChar): string {
  const esc = code(escape);
  if (!hasSpecial(text, esc)) return text;
  try {
    return new Lexer(text, esc, lookup).stopOn(EOF, false, null);
  } catch (err) {
    return rethrow(err);
  }
}

/** expandWord that returns null instead of throwing (no Error is built on failure). */
export function tryExpandWord(text: string, lookup: Lookup, escape?: EscapeChar): string | null {
  const esc = code(escape);
  if (!hasSpecial(text, esc)) return text;
  try {
    return new Lexer(text, esc, lookup).stopOn(EOF, false, null);
  } catch (err) {
    if (err instanceof Fail) return null;
    throw err;
  }
}

/** Like expandWord, and reports which variables were unset or matched. */
export function expandWordInfo(text: string, lookup: Lookup, escape?: EscapeChar): Expansion {
  const esc = code(escape);
  if (!hasSpecial(text, esc)) return { value: text, unset: [], matched: [] };
  const lx = new Lexer(text, esc, lookup);
  try {
    const value = lx.stopOn(EOF, false, null);
    return { value, unset: lx.unset, matched: lx.matched };
  } catch (err) {
    return rethrow(err);
  }
}

/** Expands and splits into words as BuildKit's ProcessWords does (quoted whitespace is kept). */
export function expandWords(text: string, lookup: Lookup, escape?: EscapeChar): string[] {
  const lx = new Lexer(text, code(escape), lookup);
  const words = new Words();
  try {
    lx.stopOn(EOF, false, words);
  } catch (err) {
    return rethrow(err);
  }
  return words.done();
}
