// A report written file by file: the CLI writes each piece as the lint run produces it, so memory
// stays flat however many files a run lints. Every format is a writer; formatReport of a whole
// report is the same writer run over its files, so streamed and whole output cannot differ.
import { nodeCrypto } from '../util/lazy-crypto.js';
import type { FileReport, LintReport, Summary } from '../lint/types.js';
import type { Finding } from '../types.js';

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
  // Wrapped in `depth` arrays, JSON.stringify indents it itself; the wrappers' lines are cut off:
  // `[\n`, `  [\n`, ... before it (d(d+1) characters, then its own 2d of indent) and as many after.
  // (A regular-expression pass over the text took longer than the stringify: 39 ms of a corpus run.)
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const around = depth * (depth + 1);
  return text.slice(around + 2 * depth, text.length - around);
}

/** What code-scanning and code-quality tools keep a finding by: its parts, never its line. */
export function fingerprint(...parts: (string | number | null)[]): string {
  return nodeCrypto().createHash('sha256').update(parts.join('\0')).digest('hex');
}

/** A rule's page under the base the docs/ folder is published at (`--docs-url`, PLINTH_DOCS_URL). */
export function ruleDocsUrl(docsUrl: string, rule: string): string {
  return `${docsUrl.replace(/\/$/, '')}/rules/${encodeURIComponent(rule)}.md`;
}

/** Findings counted by rule, most frequent first (then by name): what to fix first in a large run. */
export class RuleCounts {
  readonly #counts = new Map<string, number>();
  add(rule: string): void {
    this.#counts.set(rule, (this.#counts.get(rule) ?? 0) + 1);
  }
  get size(): number {
    return this.#counts.size;
  }
  sorted(): [rule: string, count: number][] {
    // Rule ids are ASCII: a code-unit order, not localeCompare, whose first call loads ICU's collator
    // (about 10 ms of a one-file lint).
    return [...this.#counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}

/** A finding's message with its suggestion, for the formats that have one text field. */
export function messageWithSuggestion(x: Finding): string {
  return x.suggestion ? `${x.message} (suggestion: ${x.suggestion})` : x.message;
}
