// The JSON report: a public contract (version 1); keys may be added, never renamed.
import type { FileReport, LintReport } from '../lint/types.js';
import { nestedJson, writeAll, type ReportWriter } from './writer.js';

function fileJson(f: FileReport): object {
  return {
    path: f.path,
    error: f.error ? { line: f.error.line, message: f.error.message } : null,
    stages: f.stages.map((s) => ({ index: s.index, name: s.name, line: s.line, final: s.final, image: s.image, fromStage: s.fromStage })),
    findings: f.findings.map((x) => ({
      rule: x.rule,
      severity: x.severity,
      line: x.line,
      column: x.column,
      stage: x.stage,
      message: x.message,
      suggestion: x.suggestion,
    })),
  };
}

export function jsonReport(report: LintReport): object {
  return { version: 1, files: report.files.map(fileJson), summary: { ...report.summary } };
}

/** Byte for byte `JSON.stringify(jsonReport(report), null, 2)`, one file at a time. */
export function jsonWriter(): ReportWriter {
  let files = 0;
  return {
    start: () => '{\n  "version": 1,\n  "files": [',
    file: (f) => `${files++ ? ',' : ''}\n    ${nestedJson(fileJson(f), 2)}`,
    end: (summary) => `${files ? '\n  ]' : ']'},\n  "summary": ${nestedJson({ ...summary }, 1)}\n}\n`,
  };
}

export function formatJson(report: LintReport): string {
  return writeAll(jsonWriter(), report);
}
