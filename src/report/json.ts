// The JSON report: a public contract (version 1); keys may be added, never renamed.
import type { LintReport } from '../lint/types.js';

export function jsonReport(report: LintReport): object {
  return {
    version: 1,
    files: report.files.map((f) => ({
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
    })),
    summary: { ...report.summary },
  };
}

export function formatJson(report: LintReport): string {
  return `${JSON.stringify(jsonReport(report), null, 2)}\n`;
}
