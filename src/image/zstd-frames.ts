// Node's own zstd decompressor (zlib, 22.15 and 23.8 onward) ends without an error when its input
// stops in the middle of a frame (nodejs/node#64592; 22.23.5 still does): a truncated layer
// would read as a shorter, valid one. No library checks frame boundaries without decompressing, so
// this walks the frame and block headers of RFC 8878 by hand (a few bytes per block; block contents
// are skipped, never read) and fails at the end unless the last frame was complete.
import { Transform, type TransformCallback } from 'node:stream';

const enum State {
  Magic,
  SkippableSize,
  FrameHeader,
  HeaderRest,
  BlockHeader,
  Skip,
}

export class ZstdFrameCheck extends Transform {
  #state = State.Magic;
  /** Header bytes still to collect, or content bytes still to skip. */
  #need = 4;
  #header: number[] = [];
  /** After the skipped bytes: another block, or the end of the frame. */
  #then = State.BlockHeader;
  #frames = 0;
  /** The frame ends with a 4-byte checksum. */
  #checksum = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#state === State.Skip || this.#state === State.HeaderRest) {
        const n = Math.min(this.#need, chunk.length - at);
        at += n;
        this.#need -= n;
        if (this.#need === 0) this.#next(this.#state === State.HeaderRest ? State.BlockHeader : this.#then);
        continue;
      }
      this.#header.push(chunk[at++]!);
      if (this.#header.length < this.#need) continue;
      const problem = this.#parsed(this.#header);
      this.#header = [];
      if (problem) return cb(new Error(`invalid zstd data (${problem})`));
    }
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    const complete = this.#state === State.Magic && this.#header.length === 0 && this.#frames > 0;
    cb(complete ? null : new Error('truncated zstd data (the input ends inside a frame)'));
  }

  #next(state: State, need = 0): void {
    this.#state = state;
    if (state === State.Magic) this.#need = 4;
    else if (state === State.SkippableSize) this.#need = 4;
    else if (state === State.FrameHeader) this.#need = 1;
    else if (state === State.BlockHeader) this.#need = 3;
    else this.#need = need;
    // A zero-length skip (an empty raw block, a skippable frame of size 0) is already over.
    if ((state === State.Skip || state === State.HeaderRest) && this.#need === 0) this.#next(state === State.HeaderRest ? State.BlockHeader : this.#then);
  }

  /** Moves past a complete header; a message when the bytes cannot start what they must. */
  #parsed(h: number[]): string | null {
    switch (this.#state) {
      case State.Magic: {
        const magic = (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0;
        if (magic === 0xfd2fb528) this.#next(State.FrameHeader);
        else if ((magic & 0xfffffff0) === 0x184d2a50) this.#next(State.SkippableSize);
        else return 'no frame starts here';
        return null;
      }
      case State.SkippableSize:
        this.#then = State.Magic;
        this.#next(State.Skip, (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0);
        return null;
      case State.FrameHeader: {
        const d = h[0]!;
        if (d & 0x08) return 'reserved bit set in the frame header';
        const singleSegment = (d >> 5) & 1;
        const fcs = [singleSegment, 2, 4, 8][d >> 6]!;
        const dictionary = [0, 1, 2, 4][d & 3]!;
        this.#checksum = (d & 0x04) !== 0;
        this.#next(State.HeaderRest, (singleSegment ? 0 : 1) + dictionary + fcs);
        return null;
      }
      case State.BlockHeader: {
        const v = h[0]! | (h[1]! << 8) | (h[2]! << 16);
        const last = (v & 1) === 1;
        const type = (v >> 1) & 3;
        if (type === 3) return 'reserved block type';
        // A raw or compressed block carries Block_Size bytes; an RLE block one byte, repeated.
        this.#then = last ? State.Magic : State.BlockHeader;
        if (last) this.#frames++;
        this.#next(State.Skip, (type === 1 ? 1 : v >>> 3) + (last && this.#checksum ? 4 : 0));
        return null;
      }
      default:
        return null;
    }
  }
}
