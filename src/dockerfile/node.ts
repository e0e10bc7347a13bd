// The instruction objects the parser returns; their `words` are split lazily.
import type { Flag, Heredoc, Instruction, Word } from './types.js';
import { wordBounds } from './words.js';

/** An ONBUILD instruction carries its trigger as a nested instruction. */
export interface OnbuildInstruction extends Instruction {
  trigger?: Instruction;
}

/** Source offset of a logical offset: the same when the line is the source, else found in its pieces. */
export function toSrc(segs: number[] | null, off: number): number {
  if (segs === null) return off;
  let j = segs.length - 2;
  while (j > 0 && segs[j]! > off) j -= 2;
  return segs[j + 1]! + (off - segs[j]!);
}

/**
 * The empty list every instruction without flags, heredocs or arguments shares (frozen: nothing
 * may add to it; the parser replaces it before adding).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/** An instruction whose `words` are split on first access (most rules never read them). */
export class Node implements OnbuildInstruction {
  line = 0;
  column = 0;
  endLine = 0;
  args: string[] = NONE;
  json = false;
  heredocs: Heredoc[] = NONE;
  trigger?: Instruction;
  #words: Word[] | null = null;
  // Where `rest` starts in the logical line, and how that line maps to the source; kept here
  // rather than in a separate object (one allocation less per instruction).
  #restAt = -1;
  #esc = 92;
  #segs: number[] | null = null;
  constructor(
    public keyword: string,
    public start: number,
    public end: number,
    public flags: Flag[],
    public rest: string,
    public restStart: number,
  ) {}
  /** `rest` starts at logical offset `restAt` of a line that maps to the source by `segs`. */
  lazyWords(restAt: number, esc: number, segs: number[] | null): void {
    this.#restAt = restAt;
    this.#esc = esc;
    this.#segs = segs;
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
    const segs = this.#segs;
    this.#segs = null;
    const bounds = wordBounds(rest, 0, rest.length, this.#esc, []);
    const words: Word[] = [];
    for (let k = 0; k < bounds.length; k += 2) {
      const start = bounds[k]!;
      const end = bounds[k + 1]!;
      words.push({ value: rest.slice(start, end), start: toSrc(segs, at + start), end: toSrc(segs, at + end - 1) + 1 });
    }
    return words;
  }
  toJSON(): Instruction & { trigger?: Instruction } {
    const { keyword, line, column, endLine, start, end, flags, args, json, heredocs, rest, restStart, trigger, words } = this;
    return { keyword, line, column, endLine, start, end, flags, args, words, json, heredocs, rest, restStart, ...(trigger ? { trigger } : {}) };
  }
}
