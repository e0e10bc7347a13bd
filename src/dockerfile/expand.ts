// BuildKit's shell-word lexer: quote removal, escapes and `$VAR` / `${VAR...}` expansion,
// with optional word splitting (what `ENV`, `ARG`, `FROM` ... see after expansion).

/** Returns a variable's value, or undefined when it is not set. */
export type Lookup = (name: string) => string | undefined;
export type EscapeChar = '\\' | '`';

/** A word that cannot be expanded (bad substitution, unterminated quote, `${V:?msg}`). */
export class ExpandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpandError';
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

const SINGLE = 39;
const DOUBLE = 34;
const DOLLAR = 36;
const LBRACE = 123;
const RBRACE = 125;
const COLON = 58;
const EOF = -1;

/** unicode.IsSpace from Go. */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;
const DIGIT = /^\p{Nd}$/u;

function isDigitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 1;
  if (c < 128) return 0;
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return DIGIT.test(ch) ? ch.length : 0;
}

function nameCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return 1;
  if (c < 128) return 0;
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return LETTER_OR_DIGIT.test(ch) ? ch.length : 0;
}

function isSpecialParam(c: number): boolean {
  // @ * # ? - $ ! 0
  return c === 64 || c === 42 || c === 35 || c === 63 || c === 45 || c === 36 || c === 33 || c === 48;
}

/** Go's wordsStruct: splits expanded text on whitespace except inside quotes. */
class Words {
  word = '';
  inWord = false;
  list: string[] = [];
  addChar(ch: string, code: number): void {
    if (isSpaceCode(code)) {
      if (this.inWord && this.word.length > 0) {
        this.list.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else {
      this.word += ch;
      this.inWord = true;
    }
  }
  addRaw(s: string): void {
    this.word += s;
    this.inWord = true;
  }
  addString(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        this.addChar(s.slice(i, i + 2), c);
        i++;
      } else this.addChar(s[i]!, c);
    }
  }
  done(): string[] {
    if (this.word.length > 0) {
      this.list.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.list;
  }
}

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

  private dollar(): string {
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
    const re = globToRegExp(pattern, all ? 'g' : '');
    return value.replace(re, () => replacement);
  }
}

/** Shell glob (`*`, `?`, `[...]`, escapes) as a regular expression body. */
function globSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < p.length) out += escapeRe(p[++i]!);
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let body = p.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else out += escapeRe(c);
  }
  return out;
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

function globToRegExp(p: string, flags: string): RegExp {
  return new RegExp(globSource(p), flags);
}

function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const re = new RegExp('^(?:' + globSource(pattern) + ')$');
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    const len = greedy ? n - k : k;
    const part = prefix ? value.slice(0, len) : value.slice(n - len);
    if (re.test(part)) return prefix ? value.slice(len) : value.slice(0, n - len);
  }
  return value;
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
