// The instruction objects the parser returns; their `words` are split lazily.
import type { Flag, Heredoc, Instruction, Word } from './types.js';
import { splitWords } from './words.js';

/** An ONBUILD instruction carries its trigger as a nested instruction. */
export interface OnbuildInstruction extends Instruction {
  trigger?: Instruction;
}

/** Source offset of a logical offset in a joined line made of pieces (logical start -> source start). */
export function toSrc(segs: number[] | null, base: number, off: number): number {
  if (segs === null) return base + off;
  let j = segs.length - 2;
  while (j > 0 && segs[j]! > off) j -= 2;
  return segs[j + 1]! + (off - segs[j]!);
}

/** What is needed to split an instruction's words later, on first use. */
export class WordSource {
  constructor(
    readonly line: string,
    readonly s: number,
    readonly e: number,
    readonly esc: number,
    readonly segs: number[] | null,
    readonly base: number,
  ) {}
  words(): Word[] {
    const { line, segs, base } = this;
    return splitWords(line, this.s, this.e, this.esc).map((w) => ({
      value: line.slice(w.start, w.end),
      start: toSrc(segs, base, w.start),
      end: toSrc(segs, base, w.end - 1) + 1,
    }));
  }
}

/** An instruction whose `words` are split on first access (most rules never read them). */
export class Node implements OnbuildInstruction {
  line = 0;
  column = 0;
  endLine = 0;
  args: string[] = [];
  json = false;
  heredocs: Heredoc[] = [];
  trigger?: Instruction;
  #words: Word[] | null = null;
  #source: WordSource | null = null;
  constructor(
    public keyword: string,
    public start: number,
    public end: number,
    public flags: Flag[],
    public rest: string,
  ) {}
  lazyWords(src: WordSource): void {
    this.#source = src;
  }
  get words(): Word[] {
    if (this.#words === null) {
      this.#words = this.#source === null ? [] : this.#source.words();
      this.#source = null;
    }
    return this.#words;
  }
  set words(w: Word[]) {
    this.#words = w;
    this.#source = null;
  }
  toJSON(): Instruction & { trigger?: Instruction } {
    const { keyword, line, column, endLine, start, end, flags, args, json, heredocs, rest, trigger, words } = this;
    return { keyword, line, column, endLine, start, end, flags, args, words, json, heredocs, rest, ...(trigger ? { trigger } : {}) };
  }
}
