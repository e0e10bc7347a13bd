// A report written file by file: the CLI writes each piece as the lint run produces it, so memory
// stays flat however many files a run lints. Every format is a writer; formatReport of a whole
// report is the same writer run over its files, so streamed and whole output cannot differ.
import type { FileReport, LintReport, Summary } from '../lint/types.js';

export interface ReportWriter {
  /** The text before the first file's. */
  start(): string;
  /** One file's text. */
  file(f: FileReport): string;
  /** The text after the last file's. */
  end(summary: Summary): string;
}

/** The whole report through a writer. */
export function writeAll(w: ReportWriter, report: LintReport): string {
  let out = w.start();
  for (const f of report.files) out += w.file(f);
  return out + w.end(report.summary);
}

/** JSON.stringify(value, null, 2) as it reads nested `depth` levels deep in a pretty-printed document. */
export function nestedJson(value: unknown, depth: number): string {
  // (JSON escapes every newline inside a string: each one in the text is layout.)
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(2 * depth)}`);
}
