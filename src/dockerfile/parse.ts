// A hand-written Dockerfile parser that follows BuildKit's frontend/dockerfile/parser line by
// line (directives, continuations, comments inside continued lines, heredocs, JSON vs shell
// form, per-instruction argument parsing), keeping source offsets for in-place edits.
import { pushAll } from '../util/push-all.js';
import { InputError } from '../util/input-error.js';
import { DockerfileError } from './types.js';
import type { Dockerfile, Flag, Instruction, Pragma } from './types.js';
import { isSpaceCode } from './chars.js';
import { Node, NONE, Pieces, toSrc } from './node.js';
import { checkNameVal, extractFlags, isSepCode, maybeJson, NOT_STRING_ARRAY, trimEnd, trimStart } from './words.js';
import { heredocsFromLine } from './heredoc.js';

/**
 * Instructions past which a file is refused: real Dockerfiles have tens to hundreds; 10 MB of
 * `FROM a` lines are 1.4 million, and the model, facts and findings of 100,000 take about 300 MiB.
 */
export const MAX_INSTRUCTIONS = 100_000;

const KNOWN = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** The keywords by first letter (A is 0), with their second letter: a line's first two characters pick one or two. */
const BY_FIRST: { word: string; second: number }[][] = [];
for (const k of KNOWN) (BY_FIRST[k.charCodeAt(0) - 65] ??= []).push({ word: k, second: k.charCodeAt(1) });

/**
 * The known keyword written in upper case as the whole first word of line[s, e), or undefined
 * (no scan to the word's end, no slice, no hashing: most instructions are written this way).
 */
function upperKeyword(line: string, s: number, e: number): string | undefined {
  const first = line.charCodeAt(s) - 65;
  if (first < 0 || first > 25) return undefined;
  const list = BY_FIRST[first];
  if (list === undefined) return undefined;
  const second = line.charCodeAt(s + 1);
  for (const k of list) {
    if (k.second !== second) continue;
    const end = s + k.word.length;
    if (end <= e && line.startsWith(k.word, s) && (end === e || isSepCode(line.charCodeAt(end)))) return k.word;
  }
  return undefined;
}
const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HASH = 35;

class Parser {
  private readonly n: number;
  private pos: number;
  private lineNo = 0;
  // The current physical line: [ls, le) without its line ending; pos = start of the next line.
  private ls = 0;
  private le = 0;
  // Char codes read once per line and used by every check after (-1 when there is none): the
  // line's last one, and the first one after its leading blanks (set by textStart).
  private lastCode = -1;
  private firstCode = -1;
  private esc = 92;
  private directivesDone = false;
  private readonly directives: Record<string, string> = {};
  private readonly pragmas: Pragma[] = [];
  private readonly bom: boolean;
  // How the current logical line maps to the source; null when the line is the source itself (a
  // one-line instruction is parsed in place).
  private pieces: Pieces | null = null;
  /** The continuation escape of the line nextPiece moved to, or -1. */
  private cont = -1;
  /** allPieces for the Pieces of this file (one function per file, not one per continued line). */
  private readonly walk = (first: number, firstLength: number, next: number): number[] => this.allPieces(first, firstLength, next);

  constructor(
    private readonly src: string,
    private readonly path: string,
  ) {
    this.n = src.length;
    this.bom = src.charCodeAt(0) === 0xfeff;
    this.pos = this.bom ? 1 : 0;
  }

  private fail(message: string, line: number): never {
    throw new DockerfileError(message, this.path, line);
  }

  private readLine(): boolean {
    const src = this.src;
    if (this.pos >= this.n) return false;
    const ls = this.pos;
    const i = src.indexOf('\n', ls);
    let le = i < 0 ? this.n : i;
    this.pos = i < 0 ? this.n : i + 1;
    let c = le > ls ? src.charCodeAt(le - 1) : -1;
    while (c === 13) c = --le > ls ? src.charCodeAt(le - 1) : -1;
    this.lastCode = c;
    this.ls = ls;
    this.le = le;
    this.lineNo++;
    return true;
  }

  /** `# key=value` parser directives, only before anything else. */
  private directive(s: number, e: number): void {
    const src = this.src;
    if (s >= e || src.charCodeAt(s) !== HASH) {
      this.directivesDone = true;
      return;
    }
    let i = s + 1;
    while (i < e && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    const ks = i;
    const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (i < e && isAlpha(src.charCodeAt(i))) {
      i++;
      while (i < e && (isAlpha(src.charCodeAt(i)) || (src.charCodeAt(i) >= 48 && src.charCodeAt(i) <= 57))) i++;
    }
    const key = src.slice(ks, i).toLowerCase();
    while (i < e && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    if (key === '' || src.charCodeAt(i) !== 61 || i + 1 >= e) {
      this.directivesDone = true;
      return;
    }
    const eq = i;
    i++;
    while (i < e && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    let ve = e;
    while (ve > i && (src.charCodeAt(ve - 1) === 32 || src.charCodeAt(ve - 1) === 9)) ve--;
    const value = ve > i ? src.slice(i, ve) : src.slice(Math.max(eq + 1, e - 1), e);
    if (!DIRECTIVES.has(key)) {
      this.directivesDone = true;
      return;
    }
    if (key in this.directives) this.fail(`only one ${key} parser directive can be used`, this.lineNo);
    if (key === 'escape') {
      if (value !== '`' && value !== '\\') this.fail(`invalid escape token '${value}' does not match \` or \\`, this.lineNo);
      this.esc = value.charCodeAt(0);
    }
    this.directives[key] = value;
  }

  /** `# plinth ignore=a,b` and `# plinth global ignore=a,b`. */
  private pragma(s: number, e: number): void {
    const src = this.src;
    const i = trimStart(src, s + 1, e);
    // (Most comments are not pragmas: their first letter tells, without a call.)
    if (src.charCodeAt(i) !== 112 || !src.startsWith('plinth', i)) return;
    const m = /^plinth[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*(.*)$/.exec(src.slice(i, e));
    if (!m) return;
    const rules = m[2]!.split(',').map((r) => r.trim()).filter((r) => r !== '');
    this.pragmas.push({ line: this.lineNo, global: m[1] !== undefined, rules });
  }

  /**
   * Where the text of the current line starts (after Go's spaces), or its end; sets `firstCode`.
   * (Not trimStart: this loop keeps the character it stops at; calling trimStart and reading that
   * character again parsed the corpus 2 to 3% slower.)
   */
  private textStart(): number {
    const src = this.src;
    const le = this.le;
    for (let i = this.ls; i < le; i++) {
      const c = src.charCodeAt(i);
      if (!isSpaceCode(c)) {
        this.firstCode = c;
        return i;
      }
    }
    this.firstCode = -1;
    return le;
  }

  /** Position of a trailing line-continuation escape in the current line from s, or -1. */
  private continuation(s: number): number {
    const src = this.src;
    let k = this.le;
    let c = this.lastCode;
    while (k > s && (c === 32 || c === 9)) c = src.charCodeAt(--k - 1);
    if (k === s || c !== this.esc) return -1;
    if (k - 1 === s || src.charCodeAt(k - 2) !== this.esc) return k - 1;
    return -1;
  }

  /**
   * Moves to the next line of a continued instruction that has text (blank and comment lines do
   * not end it); sets `cont` to that line's escape, or -1. False at the end of the file.
   */
  private nextPiece(): boolean {
    while (this.readLine()) {
      this.textStart();
      if (this.firstCode === -1 || this.firstCode === HASH) continue;
      this.cont = this.continuation(this.ls);
      return true;
    }
    return false;
  }

  /**
   * Every piece of a continued line, as (logical start, source start) pairs: its first piece, then
   * each line from `next` as the parser joined them. Read by a cursor of its own (a parser over the
   * same source), so this parser's place, wherever it is by then, is not touched.
   */
  private allPieces(first: number, firstLength: number, next: number): number[] {
    const cursor = new Parser(this.src, this.path);
    cursor.esc = this.esc;
    cursor.pos = next;
    const segs = [0, first];
    let length = firstLength;
    let cont = 0;
    while (cont >= 0 && cursor.nextPiece()) {
      cont = cursor.cont;
      segs.push(length, cursor.ls);
      length += (cont < 0 ? cursor.le : cont) - cursor.ls;
    }
    return segs;
  }

  private toSrc(off: number): number {
    return toSrc(this.pieces, off);
  }

  private toSrcEnd(off: number): number {
    return off === 0 ? this.toSrc(0) : this.toSrc(off - 1) + 1;
  }

  parse(): Dockerfile {
    const src = this.src;
    const instructions: Instruction[] = [];
    while (this.readLine()) {
      const e = this.le;
      const s = this.textStart();
      if (!this.directivesDone) this.directive(s, e);
      if (this.firstCode === HASH) {
        this.pragma(s, e);
        continue;
      }
      const startLine = this.lineNo;
      const lineStart = this.ls;
      let cont = this.continuation(s);
      if (cont < 0 && s === e) continue;
      // A one-line instruction is parsed in place in the source; a continued one is joined first.
      let text = src;
      let to = e;
      this.pieces = null;
      let lastEnd = e;
      // Where the instruction's text starts in `text`.
      let at = s;
      if (cont >= 0) {
        let line = src.slice(s, cont);
        const firstLength = line.length;
        const next = this.pos;
        let lastAt = 0;
        let lastSource = s;
        while (cont >= 0 && this.nextPiece()) {
          cont = this.cont;
          lastAt = line.length;
          lastSource = this.ls;
          line += src.slice(this.ls, cont < 0 ? this.le : cont);
          lastEnd = this.le;
        }
        this.pieces = new Pieces(s, firstLength, lastAt, lastSource, this.walk, next);
        text = line;
        to = line.length;
        // Blanks start the joined line when the first line holds nothing but the escape.
        at = trimStart(line, 0, to);
      }
      let ins: Node;
      try {
        ins = this.node(text, at, to, true);
      } catch (err) {
        if (err instanceof DockerfileError) throw err;
        this.fail((err as Error).message, startLine);
      }
      ins.line = startLine;
      ins.column = s - lineStart + 1;
      const heredocTarget = ins.trigger ?? ins;
      const hk = heredocTarget.keyword;
      // A marker is an argument word, so it is in `rest` (already cut out of the line).
      if ((hk === 'RUN' || hk === 'COPY' || hk === 'ADD') && !heredocTarget.json && heredocTarget.rest.includes('<<')) {
        let docs;
        try {
          docs = heredocsFromLine(text === src ? src.slice(s, to) : text);
        } catch (err) {
          this.fail((err as Error).message, startLine);
        }
        for (const doc of docs) {
          const bodyStart = this.pos;
          let terminated = false;
          while (this.readLine()) {
            let t = this.ls;
            if (doc.chomp) while (t < this.le && src.charCodeAt(t) === 9) t++;
            if (this.le - t === doc.name.length && src.startsWith(doc.name, t)) {
              terminated = true;
              break;
            }
          }
          if (!terminated) this.fail('unterminated heredoc', startLine);
          if (ins.heredocs === NONE) ins.heredocs = [];
          ins.heredocs.push({ name: doc.name, content: src.slice(bodyStart, this.ls), expand: doc.expand, chomp: doc.chomp });
          lastEnd = this.le;
        }
      }
      ins.endLine = this.lineNo;
      ins.end = lastEnd;
      if (instructions.push(ins) > MAX_INSTRUCTIONS) this.fail(`more than ${MAX_INSTRUCTIONS.toLocaleString('en-US')} instructions: not linted`, ins.line);
    }
    if (instructions.length === 0) this.fail('file with no instructions', Math.max(1, this.lineNo));
    const nl = src.indexOf('\n');
    return {
      path: this.path,
      source: src,
      directives: this.directives,
      escape: this.esc === 96 ? '`' : '\\',
      lineEnding: nl > 0 && src.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n',
      bom: this.bom,
      instructions,
      pragmas: this.pragmas,
    };
  }

  /** BuildKit's newNodeFromLine over line[s, e); s is at the first non-blank character. */
  private node(line: string, s: number, e: number, top: boolean): Node {
    e = trimEnd(line, s, e);
    let keyword = upperKeyword(line, s, e);
    let ce = s;
    if (keyword !== undefined) ce += keyword.length;
    else {
      while (ce < e && !isSepCode(line.charCodeAt(ce))) ce++;
      const cmd = line.slice(s, ce);
      keyword = cmd.toUpperCase();
      if (top && !KNOWN.has(keyword)) throw new InputError(`unknown instruction: ${cmd}`);
    }
    let flags: Flag[] = NONE;
    let rs = e;
    if (ce < e) {
      // The character at ce is a separator, and the line ends with a non-blank one.
      let a = ce + 1;
      let c = line.charCodeAt(a);
      while (isSpaceCode(c)) c = line.charCodeAt(++a);
      if (c !== 45) rs = a;
      else {
        const ex = extractFlags(line, a, e);
        flags = ex.flags.map((f) => {
          const body = f.text.startsWith('--') ? f.text.slice(2) : f.text;
          const eq = body.indexOf('=');
          return {
            name: eq < 0 ? body : body.slice(0, eq),
            value: eq < 0 ? null : body.slice(eq + 1),
            start: this.toSrc(f.start),
            end: this.toSrcEnd(f.end),
          };
        });
        rs = trimStart(line, ex.rest, e);
      }
    }
    const rest = line.slice(rs, e);
    const end = this.toSrcEnd(e);
    const ins = new Node(keyword, this.toSrc(s), end, flags, rest, rs < e ? this.toSrc(rs) : end);
    // Shell-form arguments are split when first read (Node.args); here only what can fail is
    // checked (ENV and LABEL syntax, JSON arrays), and JSON form is decoded.
    let args: string[] | null = null;
    let json: string[] | null = null;
    switch (keyword) {
      case 'ADD':
      case 'COPY':
      case 'VOLUME':
        json = maybeJson(rest);
        break;
      case 'CMD':
      case 'ENTRYPOINT':
      case 'RUN':
      case 'SHELL':
        if (rest !== '') json = maybeJson(rest);
        break;
      case 'ENV':
      case 'LABEL':
        checkNameVal(rest, this.esc, keyword);
        break;
      case 'HEALTHCHECK': {
        args = NONE;
        let sep = 0;
        while (sep < rest.length && !isSpaceCode(rest.charCodeAt(sep))) sep++;
        if (sep === 0) break;
        const next = trimStart(rest, sep, rest.length);
        const tail = rest.slice(next);
        args = [rest.slice(0, sep)];
        if (tail !== '') {
          json = maybeJson(tail);
          pushAll(args, json ?? [tail]);
        }
        break;
      }
      case 'ONBUILD':
        args = NONE;
        if (rest !== '') {
          ins.trigger = this.node(line, rs, e, false);
          args = [rest];
        }
        break;
    }
    if (json !== null) {
      ins.json = true;
      args ??= json;
    } else if (rest !== '') ins.lazyWords(rs, this.esc, this.pieces);
    if (args !== null) ins.args = args;
    return ins;
  }
}

/** Parses a Dockerfile as BuildKit does; throws DockerfileError (with the line) when it cannot. */
export function parseDockerfile(source: string, path: string): Dockerfile {
  return new Parser(source, path).parse();
}

export { NOT_STRING_ARRAY };
