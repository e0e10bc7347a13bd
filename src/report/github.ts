// GitHub Actions workflow commands: one annotation per finding and per file that could not be linted.
import { printable } from '../util/printable.js';
import type { FileReport, LintReport } from '../lint/types.js';
import type { Severity } from '../rules/types.js';
import { messageWithSuggestion, ruleDocsUrl, writeAll, type ReportWriter } from './writer.js';

/** Escaping of a command's message (after `::`). */
export function escapeData(s: string): string {
  return printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a property value (`file=`, `title=`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function fileLines(f: FileReport, docsUrl: string | null): string {
  let out = '';
  const file = escapeProperty(f.path);
  if (f.error) {
    const line = f.error.line !== null ? `,line=${f.error.line}` : '';
    out += `::error file=${file}${line},title=plinth::${escapeData(f.error.message)}\n`;
  }
  for (const x of f.findings) {
    const message = messageWithSuggestion(x) + (docsUrl ? `\n${ruleDocsUrl(docsUrl, x.rule)}` : '');
    out += `::${LEVEL[x.severity]} file=${file},line=${x.line},col=${x.column},title=${escapeProperty(x.rule)}::${escapeData(message)}\n`;
  }
  return out;
}

/** `docsUrl` (--docs-url): each annotation ends with its rule's page. */
export function githubWriter(docsUrl: string | null = null): ReportWriter {
  return { start: () => '', file: (f) => fileLines(f, docsUrl), end: () => '' };
}

export function formatGithub(report: LintReport, docsUrl: string | null = null): string {
  return writeAll(githubWriter(docsUrl), report);
}
