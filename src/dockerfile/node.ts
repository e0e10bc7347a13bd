// The instruction objects the parser returns; their `args` and `words` are split lazily.
import type { Flag, Heredoc, Instruction, Word } from './types.js';
import { nameVal, splitSep, wordBounds } from './words.js';

/** An ONBUILD instruction carries its trigger as a nested instruction. */
export interface OnbuildInstruction extends Instruction {
  trigger?: Instruction;
}

/**
 * How a continued line maps to the source. Its first piece (where the keyword and flags are) and its
 * last (where it ends) are known as the parser joins it; the pieces between are worked out again
 * only when an offset falls there (a word on a middle line), since most lines never ask.
 */
export class Pieces {
  #all: number[] | null = null;
  constructor(
    private readonly first: number,
    private readonly firstLength: number,
    private readonly lastAt: number,
    private readonly lastSource: number,
    /** Every piece, as (logical start, source start) pairs, from where the second line starts. */
    private readonly walk: (first: number, firstLength: number, next: number) => number[],
    private readonly next: number,
  ) {}

  /** The source offset of a logical offset. */
  toSrc(off: number): number {
    if (off < this.firstLength) return this.first + off;
    if (off >= this.lastAt) return this.lastSource + (off - this.lastAt);
    const all = (this.#all ??= this.walk(this.first, this.firstLength, this.next));
    let j = all.length - 2;
    while (j > 0 && all[j]! > off) j -= 2;
    return all[j + 1]! + (off - all[j]!);
  }
}

/** Source offset of a logical offset: the same when the line is the source, else found in its pieces. */
export function toSrc(pieces: Pieces | null, off: number): number {
  return pieces === null ? off : pieces.toSrc(off);
}

/**
 * The empty list every instruction without flags, heredocs or arguments shares (frozen: nothing
 * may add to it; the parser replaces it before adding).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * The `args` of a shell-form instruction, from its `rest` (the parser has checked ENV and LABEL,
 * the only ones that can be malformed, so this does not throw).
 */
function argsOf(keyword: string, rest: string, esc: number): string[] {
  switch (keyword) {
    case 'ENV':
    case 'LABEL':
      return nameVal(rest, 0, rest.length, esc, keyword);
    case 'ARG': {
      const b = wordBounds(rest, 0, rest.length, esc, []);
      const args: string[] = [];
      for (let k = 0; k < b.length; k += 2) args.push(rest.slice(b[k]!, b[k + 1]!));
      return args;
    }
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
    case 'EXPOSE':
    case 'FROM':
      return splitSep(rest);
    default:
      return rest === '' ? NONE : [rest];
  }
}

/**
 * An instruction whose `args` and `words` are split on first access: most rules read neither for
 * most instructions (ENV, LABEL and COPY lines are many, and splitting them was a sixth of a lint).
 */
export class Node implements OnbuildInstruction {
  line = 0;
  column = 0;
  endLine = 0;
  json = false;
  heredocs: Heredoc[] = NONE;
  trigger?: Instruction;
  #args: string[] | null = null;
  #words: Word[] | null = null;
  // Where `rest` starts in the logical line, and how that line maps to the source; kept here
  // rather than in a separate object (one allocation less per instruction).
  #restAt = -1;
  #esc = 92;
  #pieces: Pieces | null = null;
  constructor(
    public keyword: string,
    public start: number,
    public end: number,
    public flags: Flag[],
    public rest: string,
    public restStart: number,
  ) {}
  /** `rest` starts at logical offset `restAt` of a line that maps to the source by `pieces`. */
  lazyWords(restAt: number, esc: number, pieces: Pieces | null): void {
    this.#restAt = restAt;
    this.#esc = esc;
    this.#pieces = pieces;
  }
  get args(): string[] {
    return (this.#args ??= argsOf(this.keyword, this.rest, this.#esc));
  }
  set args(a: string[]) {
    this.#args = a;
  }
  get words(): Word[] {
    if (this.#words === null) this.#words = this.#restAt < 0 ? [] : this.#split();
    return this.#words;
  }
  set words(w: Word[]) {
    this.#words = w;
  }
  #split(): Word[] {
    const rest = this.rest;
    const at = this.#restAt;
    const pieces = this.#pieces;
    this.#pieces = null;
    const bounds = wordBounds(rest, 0, rest.length, this.#esc, []);
    const words: Word[] = [];
    for (let k = 0; k < bounds.length; k += 2) {
      const start = bounds[k]!;
      const end = bounds[k + 1]!;
      words.push({ value: rest.slice(start, end), start: toSrc(pieces, at + start), end: toSrc(pieces, at + end - 1) + 1 });
    }
    return words;
  }
  toJSON(): Instruction & { trigger?: Instruction } {
    const { keyword, line, column, endLine, start, end, flags, args, json, heredocs, rest, restStart, trigger, words } = this;
    return { keyword, line, column, endLine, start, end, flags, args, words, json, heredocs, rest, restStart, ...(trigger ? { trigger } : {}) };
  }
}
