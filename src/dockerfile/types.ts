// The Dockerfile model shared by every later layer. Lines and columns are 1-based.

import { InputError } from '../util/input-error.js';

/** A `--name=value` (or bare `--name`) flag on an instruction, e.g. `--platform=$BUILDPLATFORM`. */
export interface Flag {
  name: string;
  /** null for a bare flag such as `--link`. */
  value: string | null;
  /** Offset range of the whole flag text in the source. */
  start: number;
  end: number;
}

/** A heredoc body attached to an instruction (`RUN <<EOF`). */
export interface Heredoc {
  name: string;
  content: string;
  /** Whether variables expand in the body (unquoted delimiter). */
  expand: boolean;
  chomp: boolean;
}

/** One argument word with its place in the source, for edits that keep formatting. */
export interface Word {
  value: string;
  start: number;
  end: number;
}

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, ... */
  keyword: string;
  line: number;
  column: number;
  /** Last physical line the instruction spans (continuations and heredocs included). */
  endLine: number;
  /** Offsets of the instruction's text in the source: [start, end). */
  start: number;
  end: number;
  flags: Flag[];
  /**
   * Arguments as BuildKit's parser yields them (after flags): for JSON (exec) form the decoded
   * strings, for shell form of RUN/CMD/ENTRYPOINT/SHELL one string with the continued text, for
   * the other instructions the whitespace-split words (ENV/LABEL/ARG as name/value pairs).
   * Exactly: ENV/LABEL give BuildKit's triples [name, value, sep] (sep '=' for `name=value`, ''
   * for the legacy `ENV name value`; values keep their quotes); ARG gives `name[=value]` words
   * (quotes kept); HEALTHCHECK gives [type, ...command]; ONBUILD gives [trigger text].
   */
  args: string[];
  /**
   * Argument words after the flags, with source offsets (BuildKit's parseWords split; quotes kept
   * in `value`); used by `fix/` to rewrite in place. Empty for JSON form. Computed on first read.
   */
  words: Word[];
  /** True when the arguments were given in JSON (exec) form. */
  json: boolean;
  heredocs: Heredoc[];
  /** The instruction text after joining continuations, without the keyword and flags. */
  rest: string;
  /** Source offset where `rest` starts (its first word; `end` when it is empty). */
  restStart: number;
  /** For ONBUILD: the trigger instruction (`ONBUILD COPY . /` -> COPY). */
  trigger?: Instruction;
}

/** A `# plinth ignore=...` pragma. */
export interface Pragma {
  line: number;
  global: boolean;
  rules: string[];
}

export interface Dockerfile {
  path: string;
  source: string;
  /** Parser directives from the top of the file (`syntax`, `escape`, `check`), lower-case keys. */
  directives: Record<string, string>;
  escape: '\\' | '`';
  lineEnding: '\n' | '\r\n';
  bom: boolean;
  instructions: Instruction[];
  pragmas: Pragma[];
}

/** Thrown for a Dockerfile that cannot be parsed; the CLI prints `path:line: message`. */
export class DockerfileError extends InputError {
  constructor(message: string, readonly path: string, readonly line: number) {
    super(message);
  }
}
