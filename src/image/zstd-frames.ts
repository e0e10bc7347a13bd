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
  BlockHeader,
  Skip,
}

/** Bytes each header takes: a magic number, a skippable frame's size, a frame header's first byte, a block header. */
const HEADER_BYTES: Record<Exclude<State, State.Skip>, number> = { [State.Magic]: 4, [State.SkippableSize]: 4, [State.FrameHeader]: 1, [State.BlockHeader]: 3 };

export class ZstdFrameCheck extends Transform {
  #state = State.Magic;
  /** Header bytes still to collect, or content bytes still to skip. */
  #need = 4;
  #header: number[] = [];
  /** After the skipped bytes: a block header, or the next frame's magic number. */
  #then = State.BlockHeader;
  #frames = 0;
  /** The frame ends with a 4-byte checksum. */
  #checksum = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#state === State.Skip) {
        const n = Math.min(this.#need, chunk.length - at);
        at += n;
        this.#need -= n;
        if (this.#need === 0) this.#next(this.#then);
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

  /** Goes to a header, or skips `skip` bytes and then goes to #then. */
  #next(state: State, skip = 0): void {
    // (A zero-length skip, an empty raw block or skippable frame, is already over.)
    if (state === State.Skip && skip === 0) state = this.#then;
    this.#state = state;
    this.#need = state === State.Skip ? skip : HEADER_BYTES[state];
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
        // The rest of the header (window size, dictionary id, content size) is skipped.
        this.#then = State.BlockHeader;
        this.#next(State.Skip, (singleSegment ? 0 : 1) + dictionary + fcs);
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
      case State.Skip:
        return null;
    }
  }
}
