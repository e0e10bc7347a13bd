// A one-line progress display on stderr for runs that take a while: nothing for the first two
// seconds (a pre-commit hook never sees it), nothing when stderr is not a terminal (CI logs, pipes)
// or TERM is dumb, and the line is cleared before any other stderr text and at the end.
import type { CliIO } from './io.js';
import { formatBytes } from '../util/bytes.js';

export interface ProgressCounts {
  /** Files (or images) finished: linted, scanned, checked. */
  files: number;
  /** Registry requests sent, and the bytes their answers announced. */
  requests: number;
  bytes: number;
}

export interface ProgressOptions {
  delayMs?: number;
  intervalMs?: number;
  /** What the files are, in the line: "linted", "scanned". */
  verb?: string;
  /** What is counted ("file", "image"), or null for a run that counts only requests (pin). */
  unit?: string | null;
}

export class Progress {
  readonly counts: ProgressCounts = { files: 0, requests: 0, bytes: 0 };
  private shown = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly started = Date.now();

  private constructor(
    private readonly write: (text: string) => void,
    private readonly options: Required<ProgressOptions>,
  ) {}

  /** A display for this run, or null when stderr is not a terminal. */
  static forRun(io: CliIO, options: ProgressOptions = {}): Progress | null {
    if (!io.stderrIsTTY || io.env.TERM === 'dumb' || io.env.PLINTH_NO_PROGRESS) return null;
    return new Progress(io.stderr, { delayMs: 2000, intervalMs: 250, verb: 'done', unit: 'file', ...options });
  }

  /**
   * Runs one command's body with progress when stderr is a terminal: the body gets the wrapped io
   * and the display (null when none) to count on; the line is cleared however the body ends.
   */
  static async around<T>(outer: CliIO, options: ProgressOptions, body: (io: CliIO, progress: Progress | null) => Promise<T>): Promise<T> {
    const progress = Progress.forRun(outer, options);
    if (!progress) return body(outer, null);
    progress.start();
    try {
      return await body(progress.wrap(outer), progress);
    } finally {
      progress.stop();
    }
  }

  start(): void {
    const begin = setTimeout(() => {
      this.draw();
      this.timer = setInterval(() => this.draw(), this.options.intervalMs);
      this.timer.unref();
    }, this.options.delayMs);
    begin.unref();
    this.timer = begin;
  }

  line(): string {
    const c = this.counts;
    const seconds = Math.round((Date.now() - this.started) / 1000);
    const unit = this.options.unit;
    const parts = unit === null ? [] : [`${c.files} ${unit}${c.files === 1 ? '' : 's'} ${this.options.verb}`];
    if (c.requests > 0) parts.push(`${c.requests} registry request${c.requests === 1 ? '' : 's'}`, `${formatBytes(c.bytes)} received`);
    if (parts.length === 0) parts.push('working');
    return `plinth: ${parts.join(', ')} (${seconds} s)`;
  }

  private draw(): void {
    this.write(`\r\x1b[2K${this.line()}`);
    this.shown = true;
  }

  private clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }

  /** The same io, whose stderr (and stdout on a terminal) clears the line before writing; the next tick draws it again. */
  wrap(io: CliIO): CliIO {
    return {
      ...io,
      stdout: (text) => {
        if (io.isTTY) this.clear();
        return io.stdout(text);
      },
      stderr: (text) => {
        this.clear();
        io.stderr(text);
      },
    };
  }

  /** A fetch that counts requests sent and the bytes their answers announce. */
  countingFetch(inner: typeof fetch): typeof fetch {
    return async (input, init) => {
      this.counts.requests++;
      const res = await inner(input, init);
      this.counts.bytes += Number(res.headers.get('content-length')) || 0;
      return res;
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.clear();
  }
}
